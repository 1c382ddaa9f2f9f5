from django.urls import path

from opencounty.cases import views

app_name = "cases"
urlpatterns = [
    path("lookup/", views.lookup, name="lookup"),
    path("receipt/", views.receipt, name="receipt"),
]
