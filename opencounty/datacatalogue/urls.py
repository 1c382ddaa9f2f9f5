"""Public addresses of the datacatalogue app."""

from django.urls import path

from opencounty.datacatalogue import views

app_name = "datacatalogue"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("shared/<str:slug>/data.<str:file_format>", views.shared_file, name="shared_file"),
    path("<str:slug>/", views.dataset, name="dataset"),
    path("<str:slug>/download.<str:file_format>", views.download, name="download"),
]
