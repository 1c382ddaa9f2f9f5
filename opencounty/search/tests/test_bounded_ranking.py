"""A word found in very many pages is ranked among its newest matches and every matching
guide only (docs/decisions/0026): filters, totals and deep pages stay right, a rarer word
is ranked exactly, and the cost does not grow with the number of matches. The window is
made small here so that a few dozen articles are "very many"."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.portal.tests.helpers import column_of
from opencounty.search import engine
from opencounty.search.index import index_pages
from opencounty.search.query import search_articles, search_site
from opencounty.search.tests.helpers import daily_articles, guide, publish, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_window(monkeypatch):
    monkeypatch.setattr(engine, "WINDOW", 5)


def _daily(column, word: str, count: int, *, first_day: int = 1, prefix: str = "") -> list[int]:
    return daily_articles(
        column, word, count, lambda day: f"{prefix}{word}简报{day}", first_day=first_day
    )


def test_an_old_strong_match_outside_the_window_follows_the_ranked_newest(
    small_window, monkeypatch
):
    old = publish(column_of("T01"), "葡萄葡萄葡萄", "葡萄葡萄葡萄葡萄葡萄。", days_ago=20)
    _daily(column_of("T01"), "葡萄", 12)
    found = search_articles("葡萄")
    assert found.total == 13
    # The five newest are ranked; the older ones follow, newest first, the old one last.
    assert titles(found) == [f"葡萄简报{day}" for day in range(1, 13)] + [old.title]
    # Ranked exactly (a window as large as the matches), its many matches come first.
    monkeypatch.setattr(engine, "WINDOW", 13)
    assert titles(search_articles("葡萄"))[0] == old.title


def test_a_rare_word_is_ranked_exactly(small_window, monkeypatch):
    _daily(column_of("T01"), "石榴", 2)
    strong = publish(column_of("T02"), "石榴石榴石榴", "石榴石榴石榴石榴。", days_ago=20)
    # Three matches, fewer than the window: every one is ranked, the strong older one first.
    found = titles(search_articles("石榴"))
    assert found[0] == strong.title
    monkeypatch.setattr(engine, "WINDOW", 1000)
    assert titles(search_articles("石榴")) == found


def test_an_old_guide_is_ranked_however_many_articles_match(small_window):
    item = guide("D01", "T-SL-001", "山楂种植补贴申领")
    item.__class__.objects.filter(pk=item.pk).update(
        first_published_at=timezone.now() - timedelta(days=900)
    )
    index_pages([item.pk])
    _daily(column_of("T01"), "山楂", 20)
    found = search_site("山楂")
    assert found.total == 21
    # Ranked with the five newest articles, not listed by its date after the other fifteen.
    assert "山楂种植补贴申领" in titles(found)[:6]


def test_filters_hold_in_the_bounded_ranking_and_the_total(small_window):
    _daily(column_of("T01"), "樱桃", 12, prefix="城关")
    _daily(column_of("T02"), "樱桃", 9, prefix="二镇")
    t02 = Unit.objects.get(code="T02")
    by_unit = search_articles("樱桃", unit=t02)
    assert by_unit.total == 9
    assert titles(by_unit) == [f"二镇樱桃简报{day}" for day in range(1, 10)]
    in_column = search_articles("樱桃", column=column_of("T01"))
    assert in_column.total == 12
    assert titles(in_column) == [f"城关樱桃简报{day}" for day in range(1, 13)]
    today = timezone.localdate()
    recent = search_articles("樱桃", date_from=today - timedelta(days=2))
    assert recent.total == 4
    assert sorted(titles(recent)) == sorted(
        [f"{place}樱桃简报{day}" for place in ("城关", "二镇") for day in (1, 2)]
    )
    old = search_articles("樱桃", date_to=today - timedelta(days=10))
    assert titles(old) == ["城关樱桃简报10", "城关樱桃简报11", "城关樱桃简报12"]
    both = search_articles("樱桃", unit=t02, date_to=today - timedelta(days=3))
    assert titles(both) == [f"二镇樱桃简报{day}" for day in range(3, 10)]


def test_every_page_of_a_bounded_ranking_lists_each_match_once(small_window):
    ids = _daily(column_of("T01"), "核桃", 23)
    found = search_articles("核桃")
    assert found.total == 23
    pages = [found.hits(start, 5) for start in range(0, 25, 5)]
    listed = [hit.page.pk for page in pages for hit in page]
    assert sorted(listed) == sorted(ids)
    assert [len(page) for page in pages] == [5, 5, 5, 5, 3]


def test_a_deep_page_costs_the_same_queries_as_the_first(client, small_window):
    _daily(column_of("T01"), "板栗", 40)
    client.get("/search/", {"q": "菠萝"})  # the site tree and synonym table, cached after

    def queries(params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", params)
        return len(captured), response.content.decode()

    first, first_html = queries({"q": "板栗"})
    deep, deep_html = queries({"q": "板栗", "page": 4})
    assert "找到 40 条与“板栗”相关的信息" in first_html
    assert first_html.count('class="snippet"') == deep_html.count('class="snippet"') == 10
    assert deep == first


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite always counts exactly")
def test_above_the_threshold_postgresql_says_the_total_is_an_estimate(client, monkeypatch):
    monkeypatch.setattr(engine, "EXACT_COUNT_UP_TO", 5)
    _daily(column_of("T01"), "杏仁", 30)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {engine.ENTRY_TABLE}")
    found = search_articles("杏仁")
    assert found.estimated
    html = client.get("/search/", {"q": "杏仁"}).content.decode()
    assert re.search(r"找到约 \d+ 条与“杏仁”相关的信息（估计数）", html), html[
        html.find("result-count") - 20 :
    ][:300]
    assert html.count('class="snippet"') == 10


def test_an_exact_total_is_said_without_约(client):
    _daily(column_of("T01"), "榛子", 3)
    html = client.get("/search/", {"q": "榛子"}).content.decode()
    assert "找到 3 条与“榛子”相关的信息" in html
    assert "估计数" not in html


def test_an_estimate_is_shown_to_two_significant_figures():
    from opencounty.search.query import SearchOutcome

    assert SearchOutcome(query="", terms=[], exact_count=97_777, estimated=True).shown_total == (
        98_000
    )
    assert SearchOutcome(query="", terms=[], exact_count=97_777).shown_total == 97_777


def test_a_count_stopped_at_the_limit_is_said_to_be_a_lower_bound():
    from django.template.loader import render_to_string

    from opencounty.search.query import SearchOutcome

    stopped = SearchOutcome(
        query="工作", terms=["工作"], exact_count=10_000, estimated=True, at_least=True
    )
    assert stopped.shown_total == 10_000
    assert (
        SearchOutcome(
            query="", terms=[], exact_count=10_000, more_count=1_990, estimated=True, at_least=True
        ).shown_total
        == 11_000
    )  # down, never up: "at least"
    html = render_to_string("search/results.html", {"outcome": stopped, "query": "工作"})
    assert "找到 10000 条以上与“工作”相关的信息" in html, html[html.find("result-count") :][:200]
    assert "约" not in html[html.find("result-count") :][:200]
