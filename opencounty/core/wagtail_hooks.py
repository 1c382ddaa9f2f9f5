from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from opencounty.core.actions import sync_unit_roles
from opencounty.core.calendar import coverage_warning
from opencounty.core.models import Unit
from opencounty.core.viewsets import (
    AuditEntryViewSet,
    UnitViewSet,
    WordRuleViewSet,
    WorkCalendarGroup,
)

register_snippet(UnitViewSet)
register_snippet(WordRuleViewSet)
register_snippet(WorkCalendarGroup)


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEntryViewSet("audit_log")


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def sync_roles_after_unit_change(request, instance):
    if isinstance(instance, Unit):
        sync_unit_roles(instance, actor=request.user)


class CalendarCoveragePanel(Component):
    """Warns staff on the dashboard when the holiday schedule for this or next year is missing."""

    name = "calendar_coverage"
    order = 10
    template_name = "core/calendar_coverage_panel.html"

    def __init__(self, message: str) -> None:
        self.message = message

    def get_context_data(self, parent_context=None):
        return {"message": self.message}


@hooks.register("construct_homepage_panels")
def warn_about_missing_holiday_schedule(request, panels) -> None:
    message = coverage_warning(timezone.localdate())
    if message:
        panels.insert(0, CalendarCoveragePanel(message))
