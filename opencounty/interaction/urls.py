from django.urls import path

from opencounty.interaction.consultations import views as consultations

app_name = "interaction"
urlpatterns: list = [
    path(
        "consultations/<int:page_id>/feedback/",
        consultations.feedback,
        name="consultation_feedback",
    ),
]
