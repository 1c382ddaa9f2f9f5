"""Site search over articles and service guides (办事指南), per sub-site or county-wide:
the exact query first, then what the synonym table adds, each ranked with a recency boost
by the database over site search's own index (engine.py); highlighted snippets for the
results shown, which are the only rows read (docs/decisions/0011)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from opencounty.core.models import Unit
from opencounty.search import engine, synonyms
from opencounty.search.engine import Expr, Filters
from opencounty.search.segment import term_parts

# What `SearchOutcome.ranked` lists at most (the pages of the result list go further).
MAX_LISTED = 500
SNIPPET_CHARS = 90


@dataclass
class Hit:
    page: object
    score: float
    title: str
    title_html: SafeString
    snippet_html: SafeString
    unit_name: str
    column_name: str
    is_guide: bool = False


def describe(ranked: list[tuple[int, float]], terms: list[str]) -> list[Hit]:
    """The result lines of these (page id, score) rows, in their order: a constant number of
    queries however many there are."""
    from opencounty.search.models import SearchText
    from opencounty.services.models import ServiceItemPage

    ids = [pk for pk, _score in ranked]
    if not ids:
        return []
    texts = {
        text.entry_id: text
        for text in SearchText.objects.filter(entry_id__in=ids).select_related("entry")
    }
    guide_ids = [pk for pk in ids if pk in texts and texts[pk].entry.is_guide]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=set(ids) - set(guide_ids))}
    if guide_ids:
        pages.update({page.pk: page for page in ServiceItemPage.objects.filter(pk__in=guide_ids)})
    unit_ids = {text.entry.unit_id for text in texts.values()} - {None}
    units = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "short_name"))
    column_ids = {text.entry.column_id for text in texts.values()} - {None}
    columns = dict(Page.objects.filter(pk__in=column_ids).values_list("pk", "title"))
    hits = []
    for pk, score in ranked:
        text, page = texts.get(pk), pages.get(pk)
        if text is None or page is None:  # unpublished or deleted since it was ranked
            continue
        entry = text.entry
        hits.append(
            Hit(
                page=page,
                score=score,
                title=text.title,
                title_html=_highlight(text.title, terms),
                snippet_html=snippet(text.text, terms),
                unit_name=units.get(entry.unit_id, ""),
                column_name=_("办事指南") if entry.is_guide else columns.get(entry.column_id, ""),
                is_guide=entry.is_guide,
            )
        )
    return hits


@dataclass
class SearchOutcome:
    query: str
    terms: list[str]
    rewrite: synonyms.Rewrite | None = None
    exact_count: int = 0
    more_count: int = 0
    # PostgreSQL above engine.EXACT_COUNT_UP_TO matches: the counts are the database's estimate.
    estimated: bool = False
    # A count stopped at engine.EXACT_COUNT_UP_TO (the estimate was too low): "N 条以上".
    at_least: bool = False
    exact: Expr | None = None
    more: Expr | None = None
    filters: Filters = field(default_factory=Filters)
    now: int = 0
    _listed: list[Hit] | None = None

    @property
    def total(self) -> int:
        return self.exact_count + self.more_count

    @property
    def shown_total(self) -> int:
        """The total as the page says it: an estimate to two significant figures (rounded
        down when it is a lower bound)."""
        if not self.estimated or self.total < 100:
            return self.total
        step = 10 ** (len(str(self.total)) - 2)
        if self.at_least:
            return self.total // step * step
        return round(self.total / step) * step

    @property
    def searched_as(self) -> list[str]:
        """The terms the synonym table added, when they found something more."""
        if self.rewrite is None or not self.more_count:
            return []
        return self.rewrite.searched_as()

    def ranked_ids(self, offset: int, limit: int) -> list[tuple[int, float]]:
        """(page id, score) of results offset … offset + limit: the exact matches, then what
        the synonyms add; each part ranked and cut by the database."""
        rows: list[tuple[int, float]] = []
        if self.exact is not None and offset < self.exact_count:
            rows = engine.ranked(
                self.exact,
                self.filters,
                now=self.now,
                limit=limit,
                offset=offset,
                matches=self.exact_count,
            )
        wanted = limit - len(rows)
        if self.more is not None and wanted > 0 and self.more_count:
            rows += engine.ranked(
                self.more,
                self.filters,
                now=self.now,
                limit=wanted,
                offset=max(0, offset - self.exact_count),
                matches=self.more_count,
            )
        return rows

    def hits(self, offset: int, limit: int) -> list[Hit]:
        """The result lines of results offset … offset + limit."""
        return describe(self.ranked_ids(offset, limit), self.terms)

    @property
    def ranked(self) -> list[Hit]:
        """The first results (at most MAX_LISTED), best first."""
        if self._listed is None:
            self._listed = self.hits(0, MAX_LISTED)
        return self._listed

    @property
    def results(self) -> Results:
        return Results(self)


class Results:
    """The outcome as a sequence a Paginator can page through: counted already, each page
    ranked and read when it is sliced."""

    def __init__(self, outcome: SearchOutcome) -> None:
        self.outcome = outcome

    def count(self) -> int:
        return self.outcome.total

    def __len__(self) -> int:
        return self.outcome.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("results are read a page at a time")
        start = max(0, index.start or 0)
        stop = self.outcome.total if index.stop is None else min(index.stop, self.outcome.total)
        return self.outcome.hits(start, stop - start) if stop > start else []


def _highlight(text: str, terms: list[str]) -> SafeString:
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> SafeString:
    text = re.sub(r"\s+", " ", text).strip()
    positions = [text.lower().find(t) for t in terms if text.lower().find(t) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    piece = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + _highlight(piece, terms) + suffix)  # noqa: S308


def _term(term: str) -> Expr:
    parts = term_parts(term)
    if not parts:
        return Expr.of(term)
    return Expr.any([Expr.of(term), Expr.all([Expr.of(part) for part in parts])])


def match_expr(variants: list[list[str]]) -> Expr:
    """Every term of one variant must match (a long term, or the words that tile it); any
    variant may."""
    return Expr.any([Expr.all([_term(term) for term in terms]) for terms in variants])


def _seconds(day: date | None, at: time) -> int | None:
    if day is None:
        return None
    return int(datetime.combine(day, at, timezone.get_current_timezone()).timestamp())


def filters_for(
    *,
    unit: Unit | None = None,
    column=None,
    date_from: date | None = None,
    date_to: date | None = None,
    guides: bool = True,
) -> Filters:
    """The live pages a search may find: articles (of the unit, in the column) and, unless
    a column is chosen, the guides of the unit's items (a guide belongs to its department)."""
    return Filters(
        unit_id=unit.pk if unit is not None else None,
        column_path=column.path if column is not None else None,
        published_from=_seconds(date_from, time.min),
        published_to=_seconds(date_to, time.max),
        guides=guides and column is None,
    )


def search_site(
    query: str,
    *,
    unit: Unit | None = None,
    column=None,
    date_from: date | None = None,
    date_to: date | None = None,
    guides: bool = True,
    table: synonyms.Table | None = None,
) -> SearchOutcome:
    """Find live articles and guides matching every term of the query, the exact matches
    first, then those the synonym table adds (医保 also finds 医疗保障), best first in each.
    Counts here (on PostgreSQL, estimates a count in the tens of thousands); ranks and reads a
    page of results when asked (`hits`, `results`), among the newest matches when there are
    very many (engine.ranked, docs/decisions/0026)."""
    rewritten = synonyms.rewrite(query, table)
    filters = filters_for(
        unit=unit, column=column, date_from=date_from, date_to=date_to, guides=guides
    )
    outcome = SearchOutcome(
        query=query,
        terms=rewritten.all_terms(),
        rewrite=rewritten,
        filters=filters,
        now=int(timezone.now().timestamp()),
    )
    exact = rewritten.exact_terms
    if not exact:
        return outcome
    outcome.exact = match_expr([exact])
    counted = engine.count(outcome.exact, filters)
    outcome.exact_count, outcome.estimated = counted.n, counted.estimated
    outcome.at_least = counted.at_least
    others = rewritten.synonym_terms()
    if others:
        outcome.more = match_expr(others).without(outcome.exact)
        counted = engine.count(outcome.more, filters)
        outcome.more_count = counted.n
        outcome.estimated = outcome.estimated or counted.estimated
        outcome.at_least = outcome.at_least or counted.at_least
    return outcome


def search_articles(query: str, **filters) -> SearchOutcome:
    """Articles only (no guides)."""
    return search_site(query, guides=False, **filters)
