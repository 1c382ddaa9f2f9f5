"""The admin's page search index (Wagtail's own backend) built in bulk, as the demo and
`rebuild_modelsearch_index` build it: a chunk of articles costs the same queries whatever its
size, and what each article's search fields say is what it says one article at a time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends import get_search_backend
from wagtail.search.models import IndexEntry

from opencounty.disclosure import catalogue as c
from opencounty.disclosure.tests.test_catalogue import catalogued_article, publish
from opencounty.portal.models import ArticlePage
from opencounty.portal.tests.helpers import column_of, published_article

pytestmark = pytest.mark.django_db


def _articles(count: int, tag: str) -> list[int]:
    ids = []
    for n in range(count):
        plain = published_article(column_of("T01"), f"{tag}新闻{n}", body=f"<p>{tag}正文{n}。</p>")
        record = {"disclosure_mode": c.DisclosureMode.ON_REQUEST} if n % 2 else {}
        policy = publish(catalogued_article("T01", f"{tag}文件{n}", **record))
        ids += [plain.pk, policy.pk]
    return ids


def _index(ids: list[int]) -> int:
    backend = get_search_backend()
    with CaptureQueriesContext(connection) as queries:
        backend.add_bulk(ArticlePage, list(ArticlePage.get_indexed_objects().filter(pk__in=ids)))
    return len(queries)


def _bodies(ids: list[int]) -> dict[int, str]:
    return dict(
        IndexEntry.objects.filter(object_id__in=[str(pk) for pk in ids]).values_list(
            "object_id", "body"
        )
    )


def test_a_chunk_of_articles_is_indexed_in_the_same_queries_whatever_its_size():
    few, many = _articles(1, "甲"), _articles(4, "乙")
    # As a rebuild or the demo finds them: not in the index yet (publishing indexed them).
    IndexEntry.objects.filter(object_id__in=[str(pk) for pk in few + many]).delete()
    assert _index(few) == _index(many)


def test_the_bulk_index_holds_what_one_article_at_a_time_holds():
    ids = _articles(2, "丙")
    _index(ids)
    bulk = _bodies(ids)
    backend = get_search_backend()
    IndexEntry.objects.filter(object_id__in=[str(pk) for pk in ids]).delete()
    for pk in ids:
        backend.add(ArticlePage.objects.get(pk=pk))
    assert _bodies(ids) == bulk
    # Information disclosed only on request is found by its title alone.
    hidden = ArticlePage.objects.get(title="丙文件1")
    assert "宅基地" not in bulk[str(hidden.pk)]
    assert "宅基地" in bulk[str(ArticlePage.objects.get(title="丙文件0").pk)]
