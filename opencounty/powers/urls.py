"""Public addresses of the powers app."""

app_name = "powers"

urlpatterns: list = []
