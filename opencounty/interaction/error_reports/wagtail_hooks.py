"""Admin menu item 网站纠错 and its screens."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from opencounty.core.models import UnitGroup
from opencounty.interaction.error_reports import admin_views

admin_urlpatterns = (
    [
        path("", admin_views.report_list, name="list"),
        path("<int:case_id>/", admin_views.report_detail, name="detail"),
    ],
    "error_reports_admin",
)


@hooks.register("register_admin_urls")
def register_error_report_admin_urls():
    return [path("error-reports/", include(admin_urlpatterns))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return (
            request.user.is_superuser or UnitGroup.objects.filter(group__user=request.user).exists()
        )


@hooks.register("register_admin_menu_item")
def register_error_report_menu_item():
    return StaffMenuItem(
        _("网站纠错"), reverse("error_reports_admin:list"), icon_name="warning", order=260
    )
