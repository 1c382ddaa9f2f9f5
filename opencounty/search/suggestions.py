"""您是不是要找: when a search finds nothing or little, the full terms the synonym table knows
for what was typed, and titles that match part of the query."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from opencounty.search import engine, synonyms
from opencounty.search.engine import Expr, Filters

SUGGEST_BELOW = 3
MAX_TERMS = 6
MAX_TITLES = 5


@dataclass
class Title:
    title: str
    url: str
    is_guide: bool


@dataclass
class Suggestions:
    terms: list[str] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.terms or self.titles)


def table_terms(rewrite: synonyms.Rewrite, table: synonyms.Table | None = None) -> list[str]:
    """Terms from the table worth searching instead: the alternatives of what the query
    contains, then the forms of entries that overlap it (最低生活 → 最低生活保障)."""
    table = synonyms.load_table() if table is None else table
    found: list[str] = []
    for match in rewrite.matches:
        found.extend(match.alternatives)
    for entry in table.related_entries(rewrite.query):
        found.extend([*entry.expansions, entry.term])
    unique: list[str] = []
    for term in found:
        if term != rewrite.query and term not in unique:
            unique.append(term)
    return unique[:MAX_TERMS]


def _partial_terms(rewrite: synonyms.Rewrite) -> list[str]:
    return [term for term in rewrite.all_terms() if len(term) >= 2]


def for_site(rewrite: synonyms.Rewrite, filters: Filters, shown: list[int]) -> Suggestions:
    """Terms from the table, and the best pages matching any one word of the query (guides
    first), leaving out the results already `shown` (page ids)."""
    from opencounty.search.query import describe

    suggestions = Suggestions(terms=table_terms(rewrite))
    words = _partial_terms(rewrite)
    if not words:
        return suggestions
    found = engine.ranked(
        Expr.any([Expr.of(word) for word in words]),
        replace(filters, exclude=tuple(shown)),
        now=int(timezone.now().timestamp()),
        limit=MAX_TITLES * 2,
    )
    hits = describe(found, [])
    hits.sort(key=lambda hit: not hit.is_guide)
    suggestions.titles = [Title(hit.title, hit.page.url, hit.is_guide) for hit in hits[:MAX_TITLES]]
    return suggestions


def for_items(rewrite: synonyms.Rewrite, items: QuerySet, shown: list) -> Suggestions:
    """Terms from the table, and the items applied for most whose title holds one word of
    the query or of its full terms, leaving out the items already `shown`."""
    suggestions = Suggestions(terms=table_terms(rewrite))
    words = _partial_terms(rewrite) + [
        term for term in suggestions.terms if len(term) >= 2 and term not in rewrite.all_terms()
    ]
    if not words:
        return suggestions
    any_word = Q()
    for word in words:
        any_word |= Q(title__icontains=word)
    popular = (
        items.filter(any_word)
        .exclude(pk__in=[item.pk for item in shown])
        .annotate(applied=Count("applications"))
        .order_by("-applied", "title")[:MAX_TITLES]
    )
    suggestions.titles = [Title(item.title, item.url, True) for item in popular]
    return suggestions
