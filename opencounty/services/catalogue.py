"""The service catalogue (事项目录): which live items a hall lists, by department, life event,
enterprise topic and search. Only live items are ever listed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from opencounty.core.models import Unit
from opencounty.search import synonyms

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


@dataclass
class ItemSearch:
    query: str
    items: list = field(default_factory=list)
    rewrite: synonyms.Rewrite | None = None
    exact_count: int = 0

    @property
    def searched_as(self) -> list[str]:
        """The terms the synonym table added, when they found something more."""
        if self.rewrite is None or self.exact_count == len(self.items):
            return []
        return self.rewrite.searched_as()


def _in_any_field(term: str) -> Q:
    return Q(title__icontains=term) | Q(code__icontains=term) | Q(department__name__icontains=term)


def search(items: QuerySet, query: str, table: synonyms.Table | None = None) -> ItemSearch:
    """Items whose title, code or department hold the query, or every word of it, or every
    word of a variant the synonym table gives (医保 → 医疗保障局's items). Items holding the
    query as typed come first, then those holding its words, then the synonyms' finds; each
    group in catalogue order."""
    query = query.strip()[:SEARCH_MAX_LENGTH]
    if not query:
        return ItemSearch(query=query)
    rewritten = synonyms.rewrite(query, table)
    wanted = _in_any_field(rewritten.query)
    for terms in [rewritten.exact_terms, *rewritten.synonym_terms()]:
        if not terms:
            continue
        every = Q()
        for term in terms:
            every &= _in_any_field(term)
        wanted |= every

    exact_terms = rewritten.exact_terms

    def tier(item) -> int:
        title = item.title.lower()
        if rewritten.query in title or rewritten.query == item.code.lower():
            return 0
        text = " ".join([title, item.code.lower(), item.department.name])
        return 1 if all(term in text for term in exact_terms) else 2

    ranked = sorted(((tier(item), item) for item in items.filter(wanted)), key=lambda p: p[0])
    return ItemSearch(
        query=query,
        items=[item for _tier, item in ranked],
        rewrite=rewritten,
        exact_count=sum(1 for t, _item in ranked if t < 2),
    )
