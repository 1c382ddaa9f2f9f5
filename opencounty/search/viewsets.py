"""Admin screens of search for the county e-government office: the synonym table (every
change through search.actions, audited) and the report of searches that found nothing."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Sum
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from opencounty.search import actions
from opencounty.search.forms import SynonymForm
from opencounty.search.models import Synonym, ZeroResultQuery
from opencounty.search.permissions import may_keep_search

REPORT_PERIODS = (7, 30, 90)
REPORT_ROWS = 200


class SynonymCreateView(generic.CreateView):
    def get_initial(self):
        # The zero-result report links here with the missed word filled in.
        return {**super().get_initial(), "term": self.request.GET.get("term", "")[:20]}

    def save_instance(self):
        return actions.save_synonym(self.form.instance, actor=self.request.user)


class SynonymEditView(generic.EditView):
    def save_instance(self):
        return actions.save_synonym(self.form.instance, actor=self.request.user)


class SynonymDeleteView(generic.DeleteView):
    def delete_action(self):
        actions.delete_synonym(self.object, actor=self.request.user)


class SynonymViewSet(ModelViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = _("同义词与简称")
    add_view_class = SynonymCreateView
    edit_view_class = SynonymEditView
    delete_view_class = SynonymDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["term", "expansions", "note"]
    list_filter = ["active", "bidirectional"]
    ordering = ["term"]
    list_display = [
        Column("term", label=_("群众常用说法"), sort_key="term"),
        Column("expansions", label=_("规范全称")),
        BooleanColumn("bidirectional", label=_("全称也查简称")),
        BooleanColumn("active", label=_("启用")),
        DateColumn("updated_at", label=_("更新时间"), sort_key="updated_at"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("term"),
            FieldPanel("expansions"),
            FieldPanel("bidirectional"),
            FieldPanel("note"),
            FieldPanel("active"),
        ],
        base_form_class=SynonymForm,
    )

    def get_permissions_to_register(self):
        # The office's roles decide (search.permissions), not permissions handed to groups.
        return Permission.objects.none()


def zero_result_report(request: HttpRequest) -> TemplateResponse:
    """The words people searched for and found nothing, most frequent first, with a link to
    add each to the synonym table."""
    if not may_keep_search(request.user):
        raise PermissionDenied
    try:
        days = int(request.GET.get("days", "30"))
    except ValueError:
        days = 30
    if days not in REPORT_PERIODS:
        days = 30
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = list(
        ZeroResultQuery.objects.filter(day__gte=since)
        .values("query", "where")
        .annotate(total=Sum("count"), days=Count("day"), last=Max("day"))
        .order_by("-total", "query")[:REPORT_ROWS]
    )
    known = set(Synonym.objects.values_list("term", flat=True))
    where = dict(ZeroResultQuery.Where.choices)
    for row in rows:
        row["where_label"] = where.get(row["where"], row["where"])
        row["known"] = row["query"] in known
    return TemplateResponse(
        request,
        "search/admin/zero_results.html",
        {"rows": rows, "days": days, "periods": REPORT_PERIODS, "since": since},
    )


class ZeroResultReportViewSet(ViewSet):
    icon = "search"
    menu_label = _("无结果检索词")

    def get_urlpatterns(self):
        return [path("", zero_result_report, name="index")]

    @property
    def menu_item_class(self):
        class OfficeMenuItem(MenuItem):
            def is_shown(self, request) -> bool:
                return may_keep_search(request.user)

        return OfficeMenuItem


class SearchAdminGroup(ViewSetGroup):
    """站内检索: what the office keeps so that search understands people."""

    items = (
        SynonymViewSet("synonyms"),
        ZeroResultReportViewSet("search_misses", url_prefix="search-misses"),
    )
    menu_icon = "search"
    menu_label = _("站内检索")
    menu_order = 225
