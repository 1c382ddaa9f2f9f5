from django.urls import include, path

from opencounty.interaction.consultations import views as consultations

app_name = "interaction"
urlpatterns = [
    path("letters/", include("opencounty.interaction.letters.urls")),
    path(
        "consultations/<int:page_id>/feedback/",
        consultations.feedback,
        name="consultation_feedback",
    ),
]
