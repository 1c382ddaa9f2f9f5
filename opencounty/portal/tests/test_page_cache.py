import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencounty.portal.tests.helpers import act, column_of, draft_article, submit


@pytest.mark.django_db
def test_a_repeated_anonymous_view_does_not_touch_the_database(client):
    first = client.get("/news/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/news/")
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


@pytest.mark.django_db
def test_publishing_retires_cached_pages(
    client, chengguan_officer, chengguan_reviewer, django_capture_on_commit_callbacks
):
    column = column_of("T01")
    client.get(column.url)
    article = draft_article(column, chengguan_officer, "城关镇新闻稿件甲")
    submit(article, chengguan_officer)
    with django_capture_on_commit_callbacks(execute=True):
        act(article, chengguan_reviewer, "approve")
    html = client.get(column.url).content.decode()
    assert "城关镇新闻稿件甲" in html


@pytest.mark.django_db
def test_the_display_modes_are_cached_apart(client):
    client.get("/")
    client.cookies["oc_elderly"] = "1"
    assert 'class="elderly"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_an_english_browser_s_page_is_not_served_to_a_chinese_one(client):
    english = client.get("/news/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en"
    chinese = client.get("/news/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.8")
    assert chinese["X-Page-Cache"] == "miss"
    assert chinese["Content-Language"] == "zh-hans"
    assert '<html lang="zh-CN"' in chinese.content.decode()
    again = client.get("/news/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert again["X-Page-Cache"] == "hit" and again["Content-Language"] == "en"
