"""Issue 11, V8, as the attack: 400 random query strings used to push the lookup lockout and
the used captchas out of the cache they shared with the pages (a FileBasedCache of 300
entries), after which a locked-out client could guess again and a used captcha passed again.
Limits now live in the database; the pages in their own cache, keyed by known parameters.
The test caches keep the default 300-entry cull, so the flood is as real as it was.
"""

import secrets

import pytest
from django.core.cache import caches

from opencounty.cases.actions import LOOKUP_ATTEMPTS_PER_HOUR
from opencounty.interaction.models import Letter
from opencounty.interaction.tests.test_letters import write
from opencounty.interaction.tests.test_mailbox_pages import letter_form
from opencounty.limits.tests.test_forged_addresses import look_up

pytestmark = pytest.mark.django_db

ATTACKER = "198.51.100.66"


def flood(client, n: int = 400) -> None:
    """Random query strings, and as many distinct cacheable ones (a cheap page keeps it quick)."""
    for i in range(n):
        assert client.get(f"/robots.txt?{secrets.token_hex(4)}={i}").status_code == 200
        assert client.get(f"/robots.txt?page={i}").status_code == 200


def test_a_flood_of_query_strings_does_not_lift_a_lookup_lockout(client):
    letter, code = write()
    for _ in range(LOOKUP_ATTEMPTS_PER_HOUR):
        look_up(client, letter.case, "WRONGCOD", ATTACKER)
    flood(client)
    html = look_up(client, letter.case, code, ATTACKER)
    assert letter.case.title not in html and "未找到办件" in html


def test_a_flood_of_query_strings_does_not_make_a_used_captcha_valid_again(client):
    data = letter_form(client, title="第一封")
    client.post("/interaction/letters/write/", data)
    flood(client)
    replay = client.post("/interaction/letters/write/", data | {"title": "重放的一封"})
    assert "验证问题已使用过" in replay.content.decode()
    assert list(Letter.objects.values_list("case__title", flat=True)) == ["第一封"]


def test_unknown_query_parameters_are_answered_but_never_stored(client):
    first = client.get("/?x=1")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    assert "X-Page-Cache" not in client.get("/?x=1")
    assert client.get("/?page=2")["X-Page-Cache"] == "miss"
    assert client.get("/?page=2")["X-Page-Cache"] == "hit"


def test_tracking_parameters_share_the_plain_pages_entry(client):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/?utm_source=wechat&from=singlemessage")["X-Page-Cache"] == "hit"


def test_the_page_cache_lives_apart_from_the_default_cache(client):
    client.get("/")
    assert caches["pages"] is not caches["default"]
    assert not any(key for key in caches["default"]._cache if "portal:page" in key)
