"""Public addresses of the meetings app."""

app_name = "meetings"

urlpatterns: list = []
