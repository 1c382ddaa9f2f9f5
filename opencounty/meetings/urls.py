"""Public addresses of the meetings app: the rooms' calendar feeds (secret token in the address)."""

from django.urls import path

from opencounty.meetings import views

app_name = "meetings"

urlpatterns = [
    path("rooms/<int:pk>/<str:token>.ics", views.room_feed, name="room_feed"),
]
