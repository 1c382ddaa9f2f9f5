"""Admin URLs, the menu item, and a button from the page editor to the moderation screen."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from opencounty.core.models import UnitGroup
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


class StaffMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return (
            request.user.is_superuser or UnitGroup.objects.filter(group__user=request.user).exists()
        )


@hooks.register("register_admin_menu_item")
def register_consultation_menu_item():
    return StaffMenuItem(
        _("意见征集"), reverse("consultations_admin:list"), icon_name="comment", order=260
    )
