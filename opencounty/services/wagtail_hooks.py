from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from opencounty.core.menu import StaffMenuItem
from opencounty.services import admin_views, guide_admin_views
from opencounty.services.models import ServiceItemPage, ServiceWindow
from opencounty.services.permissions import CountyOfficePolicy
from opencounty.services.viewsets import ServiceWindowViewSet

register_permission_policy(ServiceWindow, CountyOfficePolicy(ServiceWindow))
register_snippet(ServiceWindowViewSet)


admin_urlpatterns = (
    [path("materials/<int:material_id>/", admin_views.material, name="material")],
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
