from django.urls import include, path

app_name = "interaction"
urlpatterns = [
    path("letters/", include("opencounty.interaction.letters.urls")),
]
