"""Admin URLs, the menu item, and a button from the page editor to the moderation screen."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.core.menu import StaffMenuItem
from opencounty.interaction.consultations import admin_views

admin_urlpatterns = (
    [
        path("", admin_views.consultation_list, name="list"),
        path("<int:page_id>/", admin_views.consultation_detail, name="detail"),
    ],
    "consultations_admin",
)


@hooks.register("register_admin_urls")
def register_consultation_admin_urls():
    return [path("consultations/", include(admin_urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_consultation_menu_item():
    return StaffMenuItem(
        _("意见征集"), reverse("consultations_admin:list"), icon_name="comment", order=260
    )
