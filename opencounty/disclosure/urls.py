from django.urls import path

from opencounty.disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("apply/<str:unit_code>/", views.apply, name="apply"),
]
