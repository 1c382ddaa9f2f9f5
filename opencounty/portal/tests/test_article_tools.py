"""Article tools: 上一篇/下一篇 within the column, 字号 without JavaScript, 打印 by the stylesheet."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencounty.core.models import Unit
from opencounty.portal.tests.helpers import new_column, published_article

pytestmark = pytest.mark.django_db
START = datetime(2026, 5, 4, 2, 0, tzinfo=UTC)


def pager(html: str) -> tuple[str, str]:
    found = re.search(r"上一篇：(.*?)</p>\s*<p>下一篇：(.*?)</p>", html)
    assert found, "the article shows 上一篇 and 下一篇"
    return found.group(1), found.group(2)


@pytest.fixture
def column():
    return new_column(Unit.objects.get(code="T01").root_page, "专题报道", "reports")


@pytest.fixture
def three(column):
    """Three articles of one column, oldest first."""
    return [
        published_article(column, title, START + timedelta(days=number))
        for number, title in enumerate(["最早一篇", "中间一篇", "最新一篇"])
    ]


def test_previous_and_next_follow_the_columns_list_newest_first(client, three):
    oldest, middle, newest = three
    newer, older = pager(client.get(middle.url).content.decode())
    assert newer == f'<a href="{newest.url}" rel="prev">最新一篇</a>'
    assert older == f'<a href="{oldest.url}" rel="next">最早一篇</a>'
    assert pager(client.get(newest.url).content.decode())[0] == "没有了"
    assert pager(client.get(oldest.url).content.decode())[1] == "没有了"


def test_previous_and_next_skip_other_columns_and_unpublished_articles(client, column, three):
    oldest, middle, newest = three
    elsewhere = new_column(column.get_parent(), "别的栏目", "elsewhere")
    published_article(elsewhere, "别的栏目的文章", START + timedelta(days=1, hours=1))
    middle.unpublish()
    newer, older = pager(client.get(newest.url).content.decode())
    assert newer == "没有了"
    assert older == f'<a href="{oldest.url}" rel="next">最早一篇</a>'


def test_articles_published_at_the_same_moment_still_have_an_order(client, column):
    first = published_article(column, "同时甲", START)
    second = published_article(column, "同时乙", START)
    newer_of_first, _ = pager(client.get(first.url).content.decode())
    _, older_of_second = pager(client.get(second.url).content.decode())
    assert newer_of_first == f'<a href="{second.url}" rel="prev">同时乙</a>'
    assert older_of_second == f'<a href="{first.url}" rel="next">同时甲</a>'


def test_publishing_an_article_updates_its_neighbours_cached_page(
    client, column, three, django_capture_on_commit_callbacks
):
    newest = three[-1]
    client.get(newest.url)
    assert client.get(newest.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        latest = published_article(column, "刚发布的一篇", START + timedelta(days=9))
    newer, _ = pager(client.get(newest.url).content.decode())
    assert newer == f'<a href="{latest.url}" rel="prev">刚发布的一篇</a>'
    with django_capture_on_commit_callbacks(execute=True):
        latest.delete()
    assert pager(client.get(newest.url).content.decode())[0] == "没有了"


def test_a_warm_article_view_with_its_tools_makes_no_query(client, three):
    url = three[1].url
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit" and len(queries) == 0


def test_the_text_size_is_chosen_by_a_link_remembered_and_cached_apart(client, three):
    url = three[1].url
    standard = client.get(url).content.decode()
    assert 'class=""' in standard
    assert re.search(r'text=standard&amp;next=[^"]+" aria-current="true"', standard)
    chosen = client.get("/display-mode/", {"text": "large", "next": url})
    assert chosen.status_code == 302 and chosen["Location"] == url
    assert chosen.cookies["oc_text"].value == "large"
    large = client.get(url).content.decode()
    assert 'class=" text-large"' in large
    assert re.search(r'text=large&amp;next=[^"]+" aria-current="true"', large)
    client.get("/display-mode/", {"text": "standard", "next": url})
    assert 'class=""' in client.get(url).content.decode()


def test_an_unknown_text_size_is_ignored(client, three):
    client.cookies["oc_text"] = "<script>"
    html = client.get(three[1].url).content.decode()
    assert 'class=""' in html and "<script>" not in html


def test_the_print_button_appears_only_with_scripts_and_the_stylesheet_prints_the_article(
    client, three
):
    html = client.get(three[1].url).content.decode()
    assert '<button type="button" class="print-page" hidden>打印本页</button>' in html
    assert "<noscript>" in html and 'src="/static/js/article-tools.js" defer' in html
    css = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")
    print_rules = css[css.index("@media print {") + len("@media print {") :]
    hidden = print_rules[: print_rules.index("{ display: none; }")]
    for selector in (".site-header", ".site-footer", ".article-tools", ".article-pager"):
        assert selector in hidden
