"""Issue 12, as the attack: 32 clients sending an expired `sessionid` skipped the page cache
(35 req/s instead of ~2,000) and wrote a new session row per request (1,142 rows in 30 s).
Now a session is stored only when something is put in it, and a cookie naming no live session
is treated as anonymous: served from the cache, and no row is written."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_an_anonymous_visit_stores_no_session(client):
    response = client.get("/news/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_a_made_up_session_cookie_is_served_from_the_cache_and_writes_nothing(client):
    assert client.get("/news/")["X-Page-Cache"] == "miss"
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    for _ in range(3):
        response = client.get("/news/")
        assert response["X-Page-Cache"] == "hit"
    assert not Session.objects.exists()
    # The dead key is remembered: the next request does not ask the database again.
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/news/")["X-Page-Cache"] == "hit"
    assert len(queries) == 0


def test_an_expired_signed_in_session_is_anonymous_and_is_not_renewed(client, chengguan_officer):
    store = SessionStore()
    store["_auth_user_id"] = str(chengguan_officer.pk)
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    client.get("/news/")
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    response = client.get("/news/")
    assert response["X-Page-Cache"] == "hit"
    assert Session.objects.count() == 1
    assert Session.objects.get().expire_date < timezone.now()


def test_a_signed_in_user_is_never_served_the_anonymous_cache(client, chengguan_officer):
    client.get("/news/")
    client.login(username=chengguan_officer.username, password=PASSWORD)
    assert client.get("/news/").get("X-Page-Cache") != "hit"


def test_staff_sessions_are_renewed_on_every_request_so_the_idle_timeout_counts_from_the_last(
    client, chengguan_officer
):
    client.login(username=chengguan_officer.username, password=PASSWORD)
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(seconds=30))
    assert client.get("/admin/").status_code == 200
    renewed = Session.objects.get().expire_date
    assert renewed > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_an_idle_staff_session_has_ended(client, chengguan_officer):
    client.login(username=chengguan_officer.username, password=PASSWORD)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
