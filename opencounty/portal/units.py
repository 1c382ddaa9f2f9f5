"""Which unit owns a page: the unit whose sub-site root is the page's nearest ancestor-or-self."""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page

from opencounty.core.models import Unit


def unit_roots() -> list[tuple[str, int]]:
    """(tree path of the root page, unit id) for every unit with a sub-site, deepest first."""
    rows = Unit.objects.filter(root_page__isnull=False).values_list("root_page__path", "id")
    return sorted(rows, key=lambda row: len(row[0]), reverse=True)


def unit_for_page(page: Page) -> Unit | None:
    for path, unit_id in unit_roots():
        if page.path.startswith(path):
            return Unit.objects.get(pk=unit_id)
    return None


def pages_owned_by(unit: Unit) -> Q:
    """A filter on Page for the pages this unit owns (its subtree less nested units' subtrees)."""
    if unit.root_page is None:
        return Q(pk__in=[])
    root_path = unit.root_page.path
    q = Q(path__startswith=root_path)
    for path, unit_id in unit_roots():
        if unit_id != unit.id and path.startswith(root_path) and len(path) > len(root_path):
            q &= ~Q(path__startswith=path)
    return q
