"""The CKAN-compatible Action API (/api/3/action/...)."""

from django.urls import path

from opencounty.datacatalogue import api

app_name = "ckan_api"

urlpatterns: list = [path("action/<str:name>", api.action, name="action")]
