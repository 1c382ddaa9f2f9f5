"""The CKAN-compatible Action API (/api/3/action/...)."""

app_name = "ckan_api"

urlpatterns: list = []
