"""Public addresses of the datacatalogue app."""

app_name = "datacatalogue"

urlpatterns: list = []
