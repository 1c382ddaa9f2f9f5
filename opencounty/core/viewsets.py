"""Wagtail admin screens for the county e-government office."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from opencounty.core import calendar_views
from opencounty.core.models import AuditEntry, CalendarDay, CalendarYear, Unit, WordRule


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("单位")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "short_name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["kind", "order", "code"]


class WordRuleViewSet(SnippetViewSet):
    model = WordRule
    icon = "warning"
    menu_label = _("词表")
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["phrase", "kind", "suggestion", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["phrase"]


class AuditEntryViewSet(ModelViewSet):
    """Read-only: the audit administrator reads the log; nobody edits it."""

    model = AuditEntry
    icon = "history"
    menu_label = _("审计日志")
    add_to_admin_menu = True
    menu_order = 900
    exclude_form_fields = []
    form_fields = ["action"]
    list_filter = ["action", "outcome"]
    search_fields = ["actor_name", "action", "object_repr"]
    list_display = [
        DateColumn("at", label=_("时间"), sort_key="at"),
        Column("actor_name", label=_("操作人账号")),
        Column("action", label=_("事件")),
        Column("object_repr", label=_("对象")),
        Column("outcome", label=_("结果")),
        Column("source_ip", label=_("来源地址")),
    ]
    permission_policy_class = None
    inspect_view_enabled = True

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, delete or history links, whoever reads (a superuser included).
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        # Only the listing and the read-only inspect view: no create, edit or delete.
        return [
            p for p in super().get_urlpatterns() if p.name in ("index", "index_results", "inspect")
        ]


class AuditedCalendarViews:
    """Every hand edit of the holiday table goes through core.actions (audited, open
    deadlines derived again)."""

    add_view_class = calendar_views.CalendarCreateView
    edit_view_class = calendar_views.CalendarEditView
    delete_view_class = calendar_views.CalendarDeleteView


class CalendarDayViewSet(AuditedCalendarViews, SnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("节假日与调休")
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    ordering = ["-date"]


class CalendarYearViewSet(AuditedCalendarViews, SnippetViewSet):
    model = CalendarYear
    icon = "calendar"
    menu_label = _("已录入年度")
    list_display = ["year", "source"]


class WorkCalendarGroup(SnippetViewSetGroup):
    """The holiday table the county office keeps current (工作日历)."""

    items = (CalendarYearViewSet, CalendarDayViewSet)
    menu_icon = "date"
    menu_label = _("工作日历")
    menu_order = 230
