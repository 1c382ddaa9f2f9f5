"""Published pages tell browsers and nginx they may keep them and how to ask again cheaply;
what is meant for one person (a signed-in editor, a form with its CSRF token) is never kept
by a shared cache."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import parse_http_date

from conftest import PASSWORD
from opencounty.portal.models import ArticlePage
from opencounty.portal.tests.helpers import act, column_of, draft_article, submit

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def article():
    return ArticlePage.objects.live().first()


def test_an_anonymous_visitor_gets_a_public_page_with_validators(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    assert directives(response) == {
        "public",
        f"max-age={settings.PAGE_HTTP_MAX_AGE}",
        "s-maxage=1",
        "stale-while-revalidate=1",
    }
    assert response["ETag"].startswith('"')
    modified = parse_http_date(response["Last-Modified"])
    assert modified >= int(article.last_published_at.timestamp())
    assert "Cookie" in response["Vary"]
    assert not response.cookies


@pytest.mark.parametrize("validator", ["ETag", "Last-Modified"])
def test_asking_again_with_a_validator_gets_304_without_the_page(client, article, validator):
    first = client.get(article.url)
    header = {"ETag": "HTTP_IF_NONE_MATCH", "Last-Modified": "HTTP_IF_MODIFIED_SINCE"}[validator]
    again = client.get(article.url, **{header: first[validator]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_the_304_also_comes_from_the_page_cache_without_the_database(client, article):
    first = client.get(article.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(article.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and len(queries) == 0


def test_a_stale_validator_gets_the_whole_page(client, article):
    first = client.get(article.url)
    old = parse_http_date(first["Last-Modified"]) - 3600
    from django.utils.http import http_date

    again = client.get(
        article.url, HTTP_IF_NONE_MATCH='"not-this-one"', HTTP_IF_MODIFIED_SINCE=http_date(old)
    )
    assert again.status_code == 200 and article.title in again.content.decode()


def test_a_new_article_makes_its_column_modified_again(
    client, chengguan_officer, chengguan_reviewer, django_capture_on_commit_callbacks
):
    """The column lists its articles: its own publication date would say "not modified"."""
    column = column_of("T01")
    before = client.get(column.url)
    article = draft_article(column, chengguan_officer, "城关镇新闻稿件乙")
    submit(article, chengguan_officer)
    with django_capture_on_commit_callbacks(execute=True):
        act(article, chengguan_reviewer, "approve")
    again = client.get(
        column.url,
        HTTP_IF_NONE_MATCH=before["ETag"],
    )
    assert again.status_code == 200 and "城关镇新闻稿件乙" in again.content.decode()
    late = client.get(column.url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert late.status_code == 200
    assert parse_http_date(again["Last-Modified"]) >= parse_http_date(before["Last-Modified"])


def test_a_signed_in_editor_gets_private_no_store_pages(client, chengguan_officer, article):
    client.login(username=chengguan_officer.username, password=PASSWORD)
    response = client.get(article.url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)


def test_a_form_with_its_csrf_token_is_never_shared(client):
    response = client.get(reverse("interaction:letter_write"))
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)


def test_the_admin_is_never_public(client, chengguan_officer):
    client.login(username=chengguan_officer.username, password=PASSWORD)
    response = client.get("/admin/")
    assert "public" not in directives(response)
    assert "no-store" in directives(response) or "private" in directives(response)


def test_an_unpublished_page_sends_no_public_headers(client, article):
    article.unpublish()
    response = client.get(article.url)
    assert response.status_code == 404
    assert "public" not in directives(response)


def test_a_page_in_another_language_is_kept_by_the_browser_only(client, article):
    """nginx's key has no language: only pages in the site's own language are shared."""
    response = client.get(article.url, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
    assert directives(response) == {"private", f"max-age={settings.PAGE_HTTP_MAX_AGE}"}
    assert response.has_header("ETag")
    assert not response.has_header("X-Accel-Expires")


def test_a_page_asked_for_with_a_made_up_parameter_is_not_shared(client, article):
    """nginx keys on the whole address: made-up query strings must not fill its cache."""
    response = client.get(article.url, {"x": "made-up"})
    assert response.status_code == 200
    assert "public" not in directives(response) and "private" in directives(response)
    assert not response.has_header("X-Accel-Expires")
    tracked = client.get(article.url, {"utm_source": "wechat", "from": "singlemessage"})
    assert "public" in directives(tracked)
