from django.urls import path

from opencounty.interaction.letters import views

urlpatterns = [
    path("", views.letter_list, name="letter_list"),
    path("write/", views.write, name="letter_write"),
    path("statistics/", views.statistics, name="letter_statistics"),
    path("rate/", views.rate, name="letter_rate"),
    path("<str:receipt_number>/", views.letter_detail, name="letter_detail"),
]
