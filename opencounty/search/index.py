"""Keeping site search's index (`SearchEntry`, `SearchText` and the engine's index over
them) in step with the live articles and service guides, in bulk: a batch of pages costs a
handful of queries and one `executemany` per table, whatever its size."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import strip_tags
from wagtail.models import Page

from opencounty.search import engine
from opencounty.search.segment import segment_for_index

BATCH = 1000


def _seconds(moment) -> int | None:
    return int(moment.timestamp()) if moment is not None else None


def _owner(path: str, roots: list[tuple[str, int]]) -> int | None:
    for root, unit_id in roots:
        if path.startswith(root):
            return unit_id
    return None


def _article_rows(ids: list[int], roots: list[tuple[str, int]]) -> list[tuple]:
    from opencounty.disclosure.models import CatalogueRecord
    from opencounty.portal.models import ArticleAttachment, ArticlePage

    articles = list(
        ArticlePage.objects.filter(pk__in=ids, live=True).values_list(
            "pk", "title", "path", "first_published_at", "summary", "body"
        )
    )
    if not articles:
        return []
    attached: dict[int, list[str]] = {}
    for page_id, own, document in (
        ArticleAttachment.objects.filter(page_id__in=ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "title", "document__title")
    ):
        attached.setdefault(page_id, []).append(own or document or "")
    # Catalogued information not disclosed proactively shows (and is found by) its title only.
    hidden = set()
    seen = set()
    for page_id, mode in (
        CatalogueRecord.objects.filter(page_id__in=ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "disclosure_mode")
    ):
        if page_id in seen:
            continue
        seen.add(page_id)
        record = CatalogueRecord(disclosure_mode=mode)
        if not record.is_readable:
            hidden.add(page_id)
    parents = {path[: -Page.steplen] for _pk, _t, path, *_rest in articles}
    column_ids = dict(Page.objects.filter(path__in=parents).values_list("path", "pk"))
    rows = []
    for pk, title, path, published, summary, body in articles:
        text = (
            ""
            if pk in hidden
            else " ".join([summary, strip_tags(body or ""), *attached.get(pk, [])])
        )
        rows.append(
            (
                pk,
                False,
                _owner(path, roots),
                column_ids.get(path[: -Page.steplen]),
                path,
                _seconds(published),
                title,
                " ".join(text.split()),
                segment_for_index(title),
                segment_for_index(text),
            )
        )
    return rows


def _guide_rows(ids: list[int]) -> list[tuple]:
    from opencounty.services.models import ServiceItemPage

    guides = (
        ServiceItemPage.objects.filter(pk__in=ids, live=True)
        .select_related("department")
        .prefetch_related("materials", "faqs")
    )
    return [
        (
            guide.pk,
            True,
            guide.department_id,
            None,
            guide.path,
            _seconds(guide.first_published_at),
            guide.title,
            " ".join(" ".join([guide.conditions, guide.procedure]).split()),
            segment_for_index(guide.title),
            segment_for_index(guide.guide_text()),
        )
        for guide in guides
    ]


def searchable_types() -> tuple[int, int]:
    """The content types site search finds: articles, and service items (their guides)."""
    from opencounty.portal.models import ArticlePage
    from opencounty.services.models import ServiceItemPage

    return (
        ContentType.objects.get_for_model(ArticlePage).pk,
        ContentType.objects.get_for_model(ServiceItemPage).pk,
    )


def _rows(ids: list[int]) -> list[tuple]:
    from opencounty.portal.units import unit_roots

    article_type, guide_type = searchable_types()
    by_type: dict[int, list[int]] = {}
    for pk, content_type in Page.objects.filter(pk__in=ids).values_list("pk", "content_type"):
        by_type.setdefault(content_type, []).append(pk)
    rows = []
    if by_type.get(article_type):
        rows += _article_rows(by_type[article_type], unit_roots())
    if by_type.get(guide_type):
        rows += _guide_rows(by_type[guide_type])
    return rows


def index_pages(page_ids: Iterable[int], report: Callable[[int], None] | None = None) -> int:
    """Bring the entries of these pages up to date: live articles and guides are (re)written,
    anything else is removed. Returns how many entries were written."""
    ids = sorted(set(page_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        with transaction.atomic():
            rows = _rows(batch)
            engine.delete(batch)
            engine.insert(rows)
        written += len(rows)
        if report:
            report(min(start + BATCH, len(ids)))
    return written


def remove_pages(page_ids: Iterable[int]) -> None:
    engine.delete(sorted(set(page_ids)))


def searchable_ids() -> list[int]:
    return list(
        Page.objects.filter(live=True, content_type__in=searchable_types())
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def rebuild(report: Callable[[int, int], None] | None = None) -> int:
    """Make the whole index again from the live pages, in one transaction (searches go on
    reading the old index until it commits). Returns the number of entries."""
    ids = searchable_ids()
    written = 0
    with transaction.atomic():
        engine.clear_all()
        for start in range(0, len(ids), BATCH):
            rows = _rows(ids[start : start + BATCH])
            engine.insert(rows)
            written += len(rows)
            if report:
                report(min(start + BATCH, len(ids)), len(ids))
        engine.after_rebuild()
    return written
