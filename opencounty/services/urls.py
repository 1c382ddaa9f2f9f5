from django.urls import path

from opencounty.services import views

app_name = "services"
urlpatterns = [
    path("apply/<str:code>/", views.apply, name="apply"),
    path("supplement/", views.supplement, name="supplement"),
    path("evaluate/", views.evaluate, name="evaluate"),
    path("appeal/", views.appeal, name="appeal"),
    path("results/", views.results, name="results"),
    path("ratings/", views.ratings, name="ratings"),
]
