from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from opencounty.core import (
    admin_branding,  # noqa: F401  (its hooks brand the admin)
    calendar_views,
    documents,
    todo,
)
from opencounty.core.access import is_unit_staff
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
    """Tells staff on the dashboard that deadlines in a year not entered yet are provisional,
    with the paste form for those who may enter the year."""

    name = "calendar_coverage"
    order = 10
    template_name = "core/calendar_coverage_panel.html"

    def __init__(self, message: str, may_enter: bool) -> None:
        self.message = message
        self.may_enter = may_enter

    def get_context_data(self, parent_context=None):
        return {"message": self.message, "may_enter": self.may_enter}


@hooks.register("construct_homepage_panels")
def warn_about_missing_holiday_schedule(request, panels) -> None:
    message = coverage_warning(timezone.localdate())
    if message:
        may_enter = calendar_views.may_enter_schedule(request.user)
        panels.insert(0, CalendarCoveragePanel(message, may_enter))


@hooks.register("register_admin_urls")
def register_calendar_urls():
    return [path("calendar/notice/", calendar_views.enter_notice, name="calendar_enter_notice")]


class EnterNoticeMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return calendar_views.may_enter_schedule(request.user)


@hooks.register("register_admin_menu_item")
def register_enter_notice_menu_item():
    return EnterNoticeMenuItem(
        _("录入节假日安排"), reverse("calendar_enter_notice"), icon_name="date", order=231
    )


class TodoPanel(Component):
    """我的待办: what waits on this person, most urgent first, from every registered source."""

    name = "my_todo"
    order = 20
    template_name = "core/todo_panel.html"

    def __init__(self, groups) -> None:
        self.groups = groups

    def get_context_data(self, parent_context=None):
        return {
            "groups": self.groups,
            "total": sum(group.count for group in self.groups),
            "shown": TODO_SHOWN,
        }


TODO_SHOWN = 10


@hooks.register("construct_homepage_panels")
def show_my_todo(request, panels) -> None:
    if is_unit_staff(request.user):
        panels.insert(0, TodoPanel(todo.for_request(request)))


@hooks.register("before_serve_document")
def serve_only_reviewed_documents(document, request):
    """Nothing public before review: an unattached or unpublished document is "not found"."""
    if not documents.may_serve(request, document):
        raise Http404
