"""Public addresses of the emergency app."""

app_name = "emergency"

urlpatterns: list = []
