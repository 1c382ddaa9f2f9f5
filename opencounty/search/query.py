"""Site search over articles and service guides (办事指南), per sub-site or county-wide:
the exact query first, then what the synonym table adds, each ranked with a recency boost;
highlighted snippets for the results shown."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.search.query import And, Or, PlainText, SearchQuery

from opencounty.core.models import Unit
from opencounty.search import synonyms
from opencounty.search.segment import term_parts

MAX_RANKED = 500
RECENCY_HALF_LIFE_DAYS = 180
# A live guide is in force however long ago it was first published: it ranks as new.
GUIDE_RECENCY = 2.0
SNIPPET_CHARS = 90


@dataclass
class Hit:
    page: object
    score: float
    title_html: SafeString
    snippet_html: SafeString
    unit_name: str
    column_name: str
    is_guide: bool = False


@dataclass
class SearchOutcome:
    query: str
    terms: list[str]
    ranked: list = field(default_factory=list)
    rewrite: synonyms.Rewrite | None = None
    exact_count: int = 0

    @property
    def total(self) -> int:
        return len(self.ranked)

    @property
    def searched_as(self) -> list[str]:
        """The terms the synonym table added, when they found something more."""
        if self.rewrite is None or self.total == self.exact_count:
            return []
        return self.rewrite.searched_as()

    def hits(self, pages: list) -> list[Hit]:
        """What the result lines show, for the results on the page being shown only."""
        specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific()
        by_pk = {page.pk: page for page in specific}
        hits = []
        for page in pages:
            hit = self.describe(by_pk.get(page.pk, page))
            hit.score = getattr(page, "_rank", 0.0)
            hits.append(hit)
        return hits

    def describe(self, page) -> Hit:
        from opencounty.portal.units import unit_for_page
        from opencounty.services.models import ServiceItemPage

        if isinstance(page, ServiceItemPage):
            return Hit(
                page=page,
                score=getattr(page, "_rank", 0.0),
                title_html=_highlight(page.title, self.terms),
                snippet_html=snippet(" ".join([page.conditions, page.procedure]), self.terms),
                unit_name=page.department.short_name,
                column_name=_("办事指南"),
                is_guide=True,
            )
        owner = unit_for_page(page)
        return Hit(
            page=page,
            score=getattr(page, "_rank", 0.0),
            title_html=_highlight(page.title, self.terms),
            snippet_html=snippet(
                " ".join([page.summary, page.plain_body(), *page.attachment_titles()]), self.terms
            ),
            unit_name=owner.short_name if owner else "",
            column_name=page.get_parent().title,
        )


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


def _recency_factor(published: datetime | None, now: datetime) -> float:
    if published is None:
        return 1.0
    age_days = max(0.0, (now - published).total_seconds() / 86400)
    return 1.0 + math.pow(0.5, age_days / RECENCY_HALF_LIFE_DAYS)


def _relevance(page) -> float:
    """A positive relevance: SQLite's bm25 is better when lower (negative), PostgreSQL's rank when higher."""
    score = float(getattr(page, "_score", 0.0) or 0.0)
    if connection.vendor == "sqlite":
        score = -score
    return max(score, 1e-6)


def _term_query(term: str) -> SearchQuery:
    parts = term_parts(term)
    if not parts:
        return PlainText(term)
    return Or([PlainText(term), PlainText(" ".join(parts), operator="and")])


def backend_query(variants: list[list[str]]) -> SearchQuery:
    """Every term of one variant must match (a long term, or the words that tile it); any
    variant may."""
    queries = []
    for terms in variants:
        if not any(term_parts(term) for term in terms):
            queries.append(PlainText(" ".join(terms), operator="and"))
        else:
            each = [_term_query(term) for term in terms]
            queries.append(each[0] if len(each) == 1 else And(each))
    return queries[0] if len(queries) == 1 else Or(queries)


def searchable_pages(
    *,
    unit: Unit | None = None,
    column=None,
    date_from: date | None = None,
    date_to: date | None = None,
    guides: bool = True,
):
    """The live pages a search may find: articles (of the unit, in the column) and, unless
    a column is chosen, the guides of the unit's items."""
    from opencounty.portal.pages import ArticlePage
    from opencounty.services.models import ServiceItemPage

    pages = Page.objects.live()
    articles = pages.type_q(ArticlePage)
    if unit is not None and unit.root_page_id:
        articles &= pages.descendant_of_q(unit.root_page)
        for nested in Unit.objects.filter(root_page__path__startswith=unit.root_page.path).exclude(
            pk=unit.pk
        ):
            articles &= ~pages.descendant_of_q(nested.root_page, inclusive=True)
    if column is not None:
        articles &= pages.descendant_of_q(column)
    wanted = articles
    if guides and column is None:
        items = pages.type_q(ServiceItemPage)
        if unit is not None:
            items &= Q(pk__in=ServiceItemPage.objects.filter(department=unit).values("pk"))
        wanted |= items
    pages = pages.filter(wanted)
    tz = timezone.get_current_timezone()
    if date_from:
        pages = pages.filter(first_published_at__gte=datetime.combine(date_from, time.min, tz))
    if date_to:
        pages = pages.filter(first_published_at__lte=datetime.combine(date_to, time.max, tz))
    return pages


def _ranked(pages, variants: list[list[str]], now: datetime, guide_type: int | None) -> list:
    results = pages.search(backend_query(variants)).annotate_score("_score")
    ranked = list(results[:MAX_RANKED])
    for page in ranked:
        recency = (
            GUIDE_RECENCY
            if page.content_type_id == guide_type
            else _recency_factor(page.first_published_at, now)
        )
        page._rank = _relevance(page) * recency
    ranked.sort(key=lambda page: (page._rank, page.first_published_at or now), reverse=True)
    return ranked


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
    first, then those the synonym table adds (医保 also finds 医疗保障), best first in each."""
    from opencounty.services.models import ServiceItemPage

    rewritten = synonyms.rewrite(query, table)
    outcome = SearchOutcome(query=query, terms=rewritten.all_terms(), rewrite=rewritten)
    exact = rewritten.exact_terms
    if not exact:
        return outcome
    pages = searchable_pages(
        unit=unit, column=column, date_from=date_from, date_to=date_to, guides=guides
    )
    guide_type = ContentType.objects.get_for_model(ServiceItemPage).pk if guides else None
    now = timezone.now()
    ranked = _ranked(pages, [exact], now, guide_type)
    outcome.exact_count = len(ranked)
    others = rewritten.synonym_terms()
    if others and len(ranked) < MAX_RANKED:
        seen = {page.pk for page in ranked}
        more = [page for page in _ranked(pages, others, now, guide_type) if page.pk not in seen]
        ranked += more[: MAX_RANKED - len(ranked)]
    outcome.ranked = ranked
    return outcome


def search_articles(query: str, **filters) -> SearchOutcome:
    """Articles only (no guides)."""
    return search_site(query, guides=False, **filters)
