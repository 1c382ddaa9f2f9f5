"""The counters and single-use tokens behind rate limits, lockouts and the captcha."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from opencounty.limits import store
from opencounty.limits.models import Counter, UsedToken

pytestmark = pytest.mark.django_db


def test_hits_count_up_within_the_window_and_start_again_after_it():
    start = timezone.now()
    assert [store.hit("s", "203.0.113.1", seconds=60, now=start) for _ in range(3)] == [1, 2, 3]
    assert store.count("s", "203.0.113.1", now=start + timedelta(seconds=59)) == 3
    later = start + timedelta(seconds=61)
    assert store.count("s", "203.0.113.1", now=later) == 0
    assert store.hit("s", "203.0.113.1", seconds=60, now=later) == 1
    assert Counter.objects.count() == 1


def test_clients_and_scopes_are_counted_apart_and_not_stored_in_the_clear():
    store.hit("lookup", "203.0.113.1", seconds=60)
    store.hit("comments", "203.0.113.1", seconds=60)
    store.hit("lookup", "203.0.113.2", seconds=60)
    assert store.count("lookup", "203.0.113.1") == 1
    assert not Counter.objects.filter(key__contains="203.0.113").exists()


def test_a_token_is_accepted_once():
    assert store.use_once("captcha", "nonce-1", seconds=60)
    assert not store.use_once("captcha", "nonce-1", seconds=60)
    assert store.use_once("captcha", "nonce-2", seconds=60)


def test_expired_rows_are_purged_and_live_ones_kept():
    old = timezone.now() - timedelta(hours=2)
    store.hit("s", "gone", seconds=60, now=old)
    store.use_once("captcha", "gone", seconds=60, now=old)
    store.hit("s", "live", seconds=3600)
    store.use_once("captcha", "live", seconds=3600)
    call_command("purge_limits", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Counter.objects.count() == 1 and UsedToken.objects.count() == 1
    assert not store.use_once("captcha", "live", seconds=3600)
