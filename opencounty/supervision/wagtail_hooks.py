from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.core.menu import StaffMenuItem
from opencounty.supervision import admin_views

admin_urlpatterns = (
    [
        path("", admin_views.board_view, name="board"),
        path("export.xlsx", admin_views.board_export, name="board_export"),
        path("assessment/", admin_views.assessment_view, name="assessment"),
        path("assessment/export.xlsx", admin_views.assessment_export, name="assessment_export"),
        path("assessment/details/", admin_views.assessment_detail, name="assessment_detail"),
    ],
    "supervision_admin",
)


@hooks.register("register_admin_urls")
def register_supervision_admin_urls():
    return [path("supervision/", include(admin_urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_board_menu_item():
    return StaffMenuItem(
        _("电子监察"), reverse("supervision_admin:board"), icon_name="warning", order=240
    )


@hooks.register("register_admin_menu_item")
def register_assessment_menu_item():
    return StaffMenuItem(
        _("单位考核"), reverse("supervision_admin:assessment"), icon_name="table", order=241
    )
