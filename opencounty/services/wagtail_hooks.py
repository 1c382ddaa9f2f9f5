from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.disclosure.wagtail_hooks import StaffMenuItem
from opencounty.services import admin_views


class ApplicationsMenuItem(StaffMenuItem):
    def is_shown(self, request) -> bool:
        return super().is_shown(request) or request.user.service_windows.exists()


admin_urlpatterns = (
    [
        path("", admin_views.inbox, name="inbox"),
        path("<int:case_id>/", admin_views.application_detail, name="detail"),
        path("materials/<int:material_id>/", admin_views.material, name="material"),
        path("rectifications/", admin_views.rectification_inbox, name="rectifications"),
        path(
            "rectifications/<int:case_id>/",
            admin_views.rectification_detail,
            name="rectification",
        ),
    ],
    "services_admin",
)


@hooks.register("register_admin_urls")
def register_services_admin_urls():
    return [path("applications/", include(admin_urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return ApplicationsMenuItem(
        _("办件受理"), reverse("services_admin:inbox"), icon_name="tasks", order=270
    )


@hooks.register("register_admin_menu_item")
def register_rectifications_menu_item():
    return StaffMenuItem(
        _("差评整改"), reverse("services_admin:rectifications"), icon_name="warning", order=271
    )
