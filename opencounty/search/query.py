"""Site-wide and per-sub-site article search, with recency boost and highlighted snippets."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from opencounty.core.models import Unit
from opencounty.search.segment import query_terms

MAX_RANKED = 500
RECENCY_HALF_LIFE_DAYS = 180
SNIPPET_CHARS = 90


@dataclass
class Hit:
    page: object
    score: float
    title_html: SafeString
    snippet_html: SafeString
    unit_name: str
    column_name: str


@dataclass
class SearchOutcome:
    query: str
    terms: list[str]
    ranked: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.ranked)

    def describe(self, page) -> Hit:
        """What a result line shows; called only for the results on the page being shown."""
        from opencounty.portal.units import unit_for_page

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


def search_articles(
    query: str,
    *,
    unit: Unit | None = None,
    column=None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> SearchOutcome:
    """Find live articles matching every term of the query, best first."""
    from opencounty.portal.pages import ArticlePage

    terms = query_terms(query)
    outcome = SearchOutcome(query=query, terms=terms)
    if not terms:
        return outcome
    articles = ArticlePage.objects.live()
    if unit is not None and unit.root_page_id:
        articles = articles.descendant_of(unit.root_page)
        for nested in Unit.objects.filter(root_page__path__startswith=unit.root_page.path).exclude(
            pk=unit.pk
        ):
            articles = articles.not_descendant_of(nested.root_page, inclusive=True)
    if column is not None:
        articles = articles.descendant_of(column)
    tz = timezone.get_current_timezone()
    if date_from:
        articles = articles.filter(
            first_published_at__gte=datetime.combine(date_from, time.min, tz)
        )
    if date_to:
        articles = articles.filter(first_published_at__lte=datetime.combine(date_to, time.max, tz))
    results = articles.search(" ".join(terms), operator="and").annotate_score("_score")
    ranked = list(results[:MAX_RANKED])
    now = timezone.now()
    for page in ranked:
        page._rank = _relevance(page) * _recency_factor(page.first_published_at, now)
    ranked.sort(key=lambda page: (page._rank, page.first_published_at or now), reverse=True)
    outcome.ranked = ranked
    return outcome
