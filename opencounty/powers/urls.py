"""Public addresses of the powers app."""

from django.urls import path

from opencounty.powers import views

app_name = "powers"

urlpatterns: list = [
    path("", views.index, name="index"),
    path("item/<str:code>/", views.detail, name="detail"),
    path("enforcement/", views.enforcement, name="enforcement"),
    path("export.xlsx", views.export, name="export"),
    path("publicity/", views.publicity, name="publicity"),
]
