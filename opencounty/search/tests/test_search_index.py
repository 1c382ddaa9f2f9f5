"""Site search ranks, filters, counts and pages in the database over its own index, which
follows publishing; a visitor's query never reaches the engine's syntax."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.portal.models import ArticlePage
from opencounty.portal.tests.helpers import column_of
from opencounty.search import engine
from opencounty.search.index import index_pages, rebuild, searchable_ids
from opencounty.search.models import SearchEntry
from opencounty.search.query import search_articles, search_site
from opencounty.search.tests.helpers import daily_articles, publish, titles

pytestmark = pytest.mark.django_db


def _many(column, word: str, count: int) -> list[int]:
    return daily_articles(column, word, count, lambda day: f"{word}简报第{day}期")


def _queries_for(client, params: dict) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_search_costs_the_same_queries_for_200_matches_as_for_10(client):
    _many(column_of("T01"), "荔枝", 10)
    _many(column_of("T02"), "龙眼", 200)
    client.get("/search/", {"q": "菠萝"})  # the site tree and synonym table, cached after

    few, few_html = _queries_for(client, {"q": "荔枝"})
    many, many_html = _queries_for(client, {"q": "龙眼"})
    deep, deep_html = _queries_for(client, {"q": "龙眼", "page": 15})

    assert "找到 10 条与“荔枝”相关的信息" in few_html
    assert "找到 200 条与“龙眼”相关的信息" in many_html
    assert many_html.count('class="snippet"') == few_html.count('class="snippet"') == 10
    assert many == few
    assert deep == few


def test_the_engine_pages_through_the_ranking_newest_first_among_equals():
    _many(column_of("T01"), "龙眼", 45)
    outcome = search_articles("龙眼")
    assert outcome.total == 45
    first = [hit.title for hit in outcome.hits(0, 10)]
    assert first == [f"龙眼简报第{i}期" for i in range(1, 11)]
    last = [hit.title for hit in outcome.hits(40, 10)]
    assert last == [f"龙眼简报第{i}期" for i in range(41, 46)]


def test_filters_are_applied_before_the_count_and_the_page():
    _many(column_of("T01"), "芒果", 30)
    _many(column_of("T02"), "芒果", 5)
    t02 = Unit.objects.get(code="T02")
    assert search_articles("芒果").total == 35
    assert search_articles("芒果", unit=t02).total == 5
    assert search_articles("芒果", column=column_of("T01")).total == 30
    today = timezone.localdate()
    # One a day in each unit: the last three days' in both.
    assert search_articles("芒果", date_from=today - timedelta(days=3)).total == 6
    old = search_articles("芒果", date_to=today - timedelta(days=29))
    assert titles(old) == ["芒果简报第29期", "芒果简报第30期"]


def test_an_edited_and_republished_article_is_found_by_its_new_words_only(
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    article = publish(column_of("T01"), "椪柑收购价格公布", "椪柑收购。", capture=capture)
    assert titles(search_site("椪柑")) == ["椪柑收购价格公布"]
    article.title = "脐橙收购价格公布"
    article.body = "<p>脐橙收购。</p>"
    with capture(execute=True):
        article.save_revision().publish()
    assert titles(search_site("椪柑")) == []
    assert titles(search_site("脐橙")) == ["脐橙收购价格公布"]


def test_a_deleted_article_leaves_the_index(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    article = publish(column_of("T01"), "沃柑采摘通知", "沃柑采摘。", capture=capture)
    assert titles(search_site("沃柑")) == ["沃柑采摘通知"]
    with capture(execute=True):
        ArticlePage.objects.get(pk=article.pk).delete()
    assert not SearchEntry.objects.filter(pk=article.pk).exists()
    assert search_site("沃柑").total == 0
    if connection.vendor == "sqlite":  # the words left FTS5 too, not only the entry
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {engine.FTS_TABLE} WHERE {engine.FTS_TABLE} MATCH %s",
                ['"沃柑"'],
            )
            assert cursor.fetchone()[0] == 0


def test_an_article_moved_to_another_unit_is_found_under_that_unit(
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    article = publish(column_of("T01"), "蜜柚品鉴会举办", "蜜柚品鉴。", capture=capture)
    t02 = Unit.objects.get(code="T02")
    assert search_site("蜜柚", unit=t02).total == 0
    with capture(execute=True):
        ArticlePage.objects.get(pk=article.pk).move(column_of("T02"), pos="last-child")
    assert titles(search_site("蜜柚", unit=t02)) == ["蜜柚品鉴会举办"]


def test_indexing_is_bulk_the_same_queries_for_5_articles_as_for_50():
    few = _many(column_of("T01"), "杨桃", 5)
    many = _many(column_of("T02"), "杨桃", 50)
    with CaptureQueriesContext(connection) as for_few:
        index_pages(few)
    with CaptureQueriesContext(connection) as for_many:
        index_pages(many)
    assert len(for_many) == len(for_few)
    assert search_site("杨桃").total == 55


def test_the_rebuild_command_makes_the_whole_index_again(
    django_capture_on_commit_callbacks, capsys
):
    publish(
        column_of("T01"),
        "百香果种植示范",
        "百香果种植。",
        capture=django_capture_on_commit_callbacks,
    )
    live = len(searchable_ids())
    engine.clear_all()
    engine.after_rebuild()
    assert search_site("百香果").total == 0
    call_command("rebuild_search_index")
    assert "全站搜索索引已重建" in capsys.readouterr().out
    assert SearchEntry.objects.count() == live
    assert titles(search_site("百香果")) == ["百香果种植示范"]
    # Still kept current afterwards (the rebuild put the triggers back).
    assert rebuild() == live


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"', 0),
        ('龙眼" OR "', 0),  # 龙眼 and the word "or"
        ("NOT 龙眼", 0),
        ("龙眼 NEAR(a b)", 0),
        ("*", 0),
        ("龙眼*", 3),
        ("title_terms:龙眼", 0),
        ("'龙眼'", 3),
        ("龙眼\\", 3),
    ],
)
def test_search_syntax_in_a_query_is_only_text(client, query, found):
    _many(column_of("T01"), "龙眼", 3)
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert f"找到 {found} 条" in response.content.decode()
