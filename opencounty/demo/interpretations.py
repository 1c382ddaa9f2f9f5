"""Each demo interpretation (政策解读) explains a policy document of its own site.

An interpretation is paired with the newest policy document of the same site published
before it (the earliest one when none is older) and titled after it, so both pages link
to each other. No randomness: the rest of the demo draws the same numbers either way.
"""

from __future__ import annotations

from bisect import bisect_right

from django.db.models import Q

from opencounty.portal.models import ArticlePage, ColumnPage
from opencounty.portal.units import unit_roots

# Ids in one `pk__in` query: SQLite refuses more than 32,766 variables (a million-article demo).
IDS_PER_QUERY = 10_000
TITLES = ("《{title}》政策解读", "一图读懂《{title}》")


def _site_of(path: str, roots: list[tuple[str, int]]) -> int | None:
    return next((unit_id for root, unit_id in roots if path.startswith(root)), None)


def _articles_in(kind: str) -> Q:
    paths = ColumnPage.objects.filter(kind=kind).values_list("path", "depth")
    condition = Q(pk__in=[])
    for path, depth in paths:
        condition |= Q(path__startswith=path, depth=depth + 1)
    return condition


def link_interpretations(page_ids: list[int]) -> int:
    """Link the new interpretations to policy documents; returns how many were linked."""
    fields = ("id", "path", "title", "first_published_at", "interprets_id")
    in_column = _articles_in(ColumnPage.Kind.INTERPRETATION)
    interpretations = sorted(
        (
            page
            for start in range(0, len(page_ids), IDS_PER_QUERY)
            for page in ArticlePage.objects.filter(
                pk__in=page_ids[start : start + IDS_PER_QUERY], interprets__isnull=True
            )
            .filter(in_column)
            .only(*fields)
        ),
        key=lambda page: (page.first_published_at, page.pk),
    )
    if not interpretations:
        return 0
    roots = unit_roots()
    policies: dict[int | None, list[ArticlePage]] = {}
    for policy in (
        ArticlePage.objects.filter(_articles_in(ColumnPage.Kind.POLICY))
        .only(*fields)
        .order_by("first_published_at", "id")
    ):
        policies.setdefault(_site_of(policy.path, roots), []).append(policy)
    linked = []
    for number, page in enumerate(interpretations):
        candidates = policies.get(_site_of(page.path, roots))
        if not candidates:
            continue
        dates = [policy.first_published_at for policy in candidates]
        before = bisect_right(dates, page.first_published_at)
        policy = candidates[before - 1] if before else candidates[0]
        page.interprets_id = policy.pk
        page.title = page.draft_title = TITLES[number % len(TITLES)].format(title=policy.title)
        linked.append(page)
    ArticlePage.objects.bulk_update(linked, ["interprets", "title", "draft_title"])
    return len(linked)
