"""nginx keeps a published page to the end of the second it fetched it (X-Accel-Expires), so a
publish shows through nginx's page cache within a second, and asks again with the validators,
which the application answers 304 from its page cache (docs/decisions/0022)."""

import time

import pytest
from django.test import override_settings

from conftest import PASSWORD
from opencounty.portal.models import ArticlePage

pytestmark = pytest.mark.django_db


def kept_until(response) -> int:
    value = response["X-Accel-Expires"]
    assert value.startswith("@")
    return int(value[1:])


@pytest.fixture
def article():
    return ArticlePage.objects.live().first()


def test_nginx_keeps_a_published_page_to_the_end_of_this_second(client, article):
    before = int(time.time())
    response = client.get(article.url)
    assert before <= kept_until(response) <= int(time.time())


def test_the_moment_is_the_request_s_even_for_a_page_from_the_page_cache(client, article):
    first = client.get(article.url)
    assert first["X-Page-Cache"] == "miss"
    time.sleep(1.05)
    again = client.get(article.url)
    assert again["X-Page-Cache"] == "hit"
    assert kept_until(again) > kept_until(first)


def test_the_304_that_renews_nginx_s_copy_says_until_when_and_keeps_stale_while_revalidate(
    client, article
):
    first = client.get(article.url)
    again = client.get(article.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert kept_until(again) >= kept_until(first)
    assert "stale-while-revalidate=1" in again["Cache-Control"]
    # nginx reads stale-while-revalidate only when Cache-Control comes first.
    names = [name.lower() for name in again.headers]
    assert names.index("cache-control") < names.index("x-accel-expires")


@override_settings(PAGE_SHARED_MAX_AGE=5)
def test_a_longer_shared_age_keeps_the_copy_that_many_seconds(client, article):
    before = int(time.time())
    response = client.get(article.url)
    assert before + 4 <= kept_until(response) <= int(time.time()) + 4
    assert "s-maxage=5" in response["Cache-Control"]


def test_nothing_personal_is_given_a_shared_expiry(client, chengguan_officer, article):
    client.login(username=chengguan_officer.username, password=PASSWORD)
    assert not client.get(article.url).has_header("X-Accel-Expires")


def test_a_form_and_a_missing_page_are_not_given_one(client):
    assert not client.get("/interaction/letters/write/").has_header("X-Accel-Expires")
    assert not client.get("/no-such-page/").has_header("X-Accel-Expires")
