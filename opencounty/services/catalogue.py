"""The service catalogue (事项目录): which live items a hall lists, by department, life event,
enterprise topic and search. Only live items are ever listed."""

from __future__ import annotations

from collections import Counter

from django.db.models import Q, QuerySet

from opencounty.core.models import Unit

SEARCH_MAX_LENGTH = 50


def live_items(hall) -> QuerySet:
    """Live items of the hall: the county hall lists every department's, a department its own."""
    from opencounty.services.models import ServiceItemPage

    items = ServiceItemPage.objects.live().select_related("department")
    if not hall.is_county_hall():
        items = items.descendant_of(hall)
    return items.order_by("department__kind", "department__order", "code")


def departments_with_counts(items: QuerySet) -> list[tuple[Unit, int]]:
    counts = Counter(items.values_list("department_id", flat=True))
    units = Unit.objects.filter(pk__in=counts).order_by("kind", "order", "code")
    return [(unit, counts[unit.pk]) for unit in units]


def theme_counts(items: QuerySet, field: str, choices) -> list[tuple[str, str, int]]:
    """(code, label, number of items) for every life event or topic (JSON lists: counted here,
    not in SQL, because SQLite has no JSON containment lookup)."""
    counts: Counter = Counter()
    for codes in items.values_list(field, flat=True):
        counts.update(set(codes or []))
    return [(code, label, counts[code]) for code, label in choices]


def with_theme(items: QuerySet, field: str, code: str) -> list:
    return [item for item in items if code in (getattr(item, field) or [])]


def search(items: QuerySet, query: str) -> QuerySet:
    query = query.strip()[:SEARCH_MAX_LENGTH]
    if not query:
        return items.none()
    return items.filter(
        Q(title__icontains=query) | Q(code__icontains=query) | Q(department__name__icontains=query)
    )
