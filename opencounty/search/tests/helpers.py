"""Articles and guides published in code for the search tests (indexed as on a real commit)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from datetime import datetime, time, timedelta

from django.utils import timezone
from wagtail.documents import get_document_model

from opencounty.portal.models import ArticleAttachment, ArticlePage
from opencounty.search.index import index_pages


def _committing(capture):
    """Index on commit: inside a test transaction through pytest-django's capture, outside one
    (browser tests) every save commits already."""
    return capture(execute=True) if capture else nullcontext()


def publish(column, title, body, *, days_ago=1, attachment_title=None, capture=None):
    article = ArticlePage(title=title, body=f"<p>{body}</p>")
    if attachment_title:
        document = get_document_model().objects.create(
            title=attachment_title, file="documents/x.pdf"
        )
        article.attachments.add(ArticleAttachment(document=document))
    with _committing(capture):
        column.add_child(instance=article)
        revision = article.save_revision()
        revision.publish()
    when = timezone.now() - timedelta(days=days_ago)
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=when)
    index_pages([article.pk])  # as if published that day: the index holds the date
    article.refresh_from_db()
    return article


def guide(unit_code, code, title, *, capture=None, **fields):
    """A live service item with a complete guide, indexed for site search."""
    from opencounty.services.tests.helpers import make_item

    with _committing(capture):
        return make_item(unit_code, code, title, **fields)


def titles(outcome) -> list[str]:
    return [page.title for page in outcome.ranked]


def daily_articles(column, word: str, count: int, title: Callable[[int], str], *, first_day=1):
    """`count` live articles saying `word` once, one a day at noon from `first_day` days ago
    back, titled `title(day)`; added as live pages, then indexed in one go as the demo does."""
    today = timezone.localdate()
    ids = []
    for day in range(first_day, first_day + count):
        article = ArticlePage(title=title(day), body=f"<p>{word}。</p>")
        column.add_child(instance=article)
        ids.append(article.pk)
        noon = datetime.combine(today - timedelta(days=day), time(12))
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=timezone.make_aware(noon)
        )
    index_pages(ids)
    return ids
