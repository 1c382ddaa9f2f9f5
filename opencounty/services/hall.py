"""What each page of a service hall (网上办事大厅) shows; the routes live on ServiceIndexPage."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit
from opencounty.core.public_forms import clean_query
from opencounty.search import suggestions
from opencounty.search.actions import note_zero_result
from opencounty.search.models import ZeroResultQuery
from opencounty.services import catalogue

THEMES = {
    # field: (heading, route of the list, route of one theme)
    "life_events": (_("个人办事（按人生事件）"), "life_events_view", "life_event_view"),
    "enterprise_topics": (_("法人办事（按主题）"), "topics_view", "topic_view"),
}


def _choices(field: str):
    from opencounty.services.models import EnterpriseTopic, LifeEvent

    return LifeEvent.choices if field == "life_events" else EnterpriseTopic.choices


def index_context(hall) -> dict:
    items = catalogue.live_items(hall)
    context = {"item_count": items.count()}
    if hall.is_county_hall():
        context["departments"] = catalogue.departments_with_counts(items)
        context["life_events"] = catalogue.theme_counts(
            items, "life_events", _choices("life_events")
        )
        context["topics"] = catalogue.theme_counts(
            items, "enterprise_topics", _choices("enterprise_topics")
        )
    else:
        context["items"] = list(items)
    return context


def department_context(hall, code: str) -> dict:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise Http404
    items = catalogue.live_items(hall).filter(department=unit)
    return {"heading": unit.name, "items": list(items), "unit": unit}


def themes_context(hall, field: str) -> dict:
    heading, _list_route, item_route = THEMES[field]
    items = catalogue.live_items(hall)
    return {
        "heading": heading,
        "themes": catalogue.theme_counts(items, field, _choices(field)),
        "theme_route": item_route,
    }


def theme_context(hall, field: str, code: str) -> dict:
    labels = dict(_choices(field))
    if code not in labels:
        raise Http404
    heading, list_route, _item_route = THEMES[field]
    items = catalogue.with_theme(catalogue.live_items(hall), field, code)
    return {
        "heading": labels[code],
        "items": items,
        "parent_heading": heading,
        "parent_route": list_route,
    }


def search_context(hall, request: HttpRequest) -> dict:
    query = clean_query(request.GET.get("q", ""))
    live = catalogue.live_items(hall)
    found = catalogue.search(live, query)
    context = {
        "heading": _("事项检索"),
        "items": found.items,
        "query": found.query,
        "is_search": True,
        "searched_as": found.searched_as,
    }
    if found.rewrite is None:
        return context
    if len(found.items) < suggestions.SUGGEST_BELOW:
        context["suggestions"] = suggestions.for_items(found.rewrite, live, found.items)
    if not found.items:
        # Counted on every search, so never served from the page cache.
        request.page_cacheable = False
        note_zero_result(found.query, where=ZeroResultQuery.Where.SERVICES, on=timezone.localdate())
    return context


def windows_context() -> dict:
    from opencounty.services.models import ServiceWindow

    windows = ServiceWindow.objects.prefetch_related("departments", "staff").order_by("number")
    return {"windows": list(windows)}
