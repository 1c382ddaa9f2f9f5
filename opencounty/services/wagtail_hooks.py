from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from opencounty.disclosure.wagtail_hooks import StaffMenuItem
from opencounty.services import admin_views, guide_admin_views
from opencounty.services.models import ServiceItemPage, ServiceWindow
from opencounty.services.permissions import CountyOfficePolicy
from opencounty.services.viewsets import ServiceWindowViewSet

register_permission_policy(ServiceWindow, CountyOfficePolicy(ServiceWindow))
register_snippet(ServiceWindowViewSet)


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
    return [
        path("applications/", include(admin_urlpatterns)),
        path(
            "services/completeness/",
            guide_admin_views.completeness_report,
            name="services_completeness",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_completeness_menu_item():
    return StaffMenuItem(
        _("办事指南完整性"), reverse("services_completeness"), icon_name="tasks", order=261
    )


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


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_incomplete_guide(request, page) -> None:
    specific = page.specific.get_latest_revision_as_object()
    if not isinstance(specific, ServiceItemPage):
        return
    missing = specific.missing_elements()
    if missing:
        messages.warning(
            request,
            gettext("办事指南缺少要素：%(items)s。补全前不能通过审核。")
            % {"items": "、".join(missing)},
        )
