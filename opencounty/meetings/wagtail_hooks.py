from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.core.menu import StaffMenuItem
from opencounty.meetings import admin_views as views

urlpatterns = (
    [
        path("", views.conference_list, name="list"),
        path("new/", views.conference_new, name="new"),
        path("<int:pk>/", views.conference_detail, name="detail"),
        path("today/", views.today, name="today"),
        path("calendar/", views.calendar_view, name="calendar"),
        path("statistics/", views.statistics, name="statistics"),
        path("rooms/", views.room_list, name="rooms"),
        path("rooms/new/", views.room_new, name="room_new"),
        path("rooms/<int:pk>/", views.room_edit, name="room_edit"),
        path("rooms/<int:pk>/rotate/", views.room_rotate, name="room_rotate"),
    ],
    "meetings_admin",
)


@hooks.register("register_admin_urls")
def register_meetings_admin_urls():
    return [path("meetings/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_meetings_menu_item():
    return StaffMenuItem(_("视频会议"), reverse("meetings_admin:list"), icon_name="date", order=290)
