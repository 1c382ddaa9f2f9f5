"""Public addresses of the emergency app."""

from django.urls import path

from opencounty.emergency import views

app_name = "emergency"

urlpatterns: list = [
    path("warnings/", views.warnings_page, name="warnings"),
    path("warnings.json", views.warnings_json, name="warnings_json"),
    path("warnings.rss", views.warnings_rss, name="warnings_rss"),
]
