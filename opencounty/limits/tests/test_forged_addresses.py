"""Issue 11, V3, as the attacks: a client sends X-Real-IP / X-Forwarded-For itself.

Without a trusted proxy in front (TRUSTED_PROXIES empty, the default) the headers are the
client's own words: they neither change the address the audit log records nor move the
client to a fresh counter, nor charge someone else's. Behind the operator's nginx
(TRUSTED_PROXIES = 127.0.0.1, the test client's address) a malformed value is never a 500
and the entry is still written (PostgreSQL's inet column would refuse it): CI runs this file
on PostgreSQL too.
"""

import pytest

from conftest import solve_captcha
from opencounty.cases.actions import LOOKUP_ATTEMPTS_PER_HOUR
from opencounty.core.models import AuditEntry
from opencounty.interaction.models import ConsultationComment, Letter
from opencounty.interaction.tests.consultation_helpers import consultation
from opencounty.interaction.tests.test_letters import write
from opencounty.interaction.tests.test_mailbox_pages import letter_form

pytestmark = pytest.mark.django_db

ATTACKER = "198.51.100.66"
VICTIM = "203.0.113.7"
MALFORMED = ["<script>alert(1)</script>", "abc", "9" * 300, "203.0.113.5, <b>"]


def forged(n: int) -> str:
    return f"192.0.2.{n % 250 + 1}"


def look_up(client, case, code: str, remote: str, **headers) -> str:
    response = client.post(
        "/cases/lookup/",
        {"receipt_number": case.receipt_number, "query_code": code},
        REMOTE_ADDR=remote,
        **headers,
    )
    assert response.status_code == 200
    return response.content.decode()


def wrong_login(client, **request):
    """A wrong password on the staff login page, the captcha question answered."""
    page = client.get("/admin/login/", **request).content.decode()
    data = {"username": "nobody", "password": "wrong"} | solve_captcha(page)
    return client.post("/admin/login/", data, **request)


def test_a_forged_x_real_ip_does_not_change_the_audited_address(client):
    response = wrong_login(
        client, REMOTE_ADDR=ATTACKER, HTTP_X_REAL_IP="10.9.8.7", HTTP_X_FORWARDED_FOR="10.9.8.6"
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="auth.login_failed").latest("id")
    assert entry.source_ip == ATTACKER


def test_rotating_forged_addresses_does_not_bypass_the_lookup_lockout(client):
    letter, code = write()
    for n in range(60):
        look_up(client, letter.case, "WRONGCOD", ATTACKER, HTTP_X_REAL_IP=forged(n))
    html = look_up(client, letter.case, code, ATTACKER, HTTP_X_REAL_IP=forged(61))
    assert letter.case.title not in html
    assert "未找到办件" in html


def test_an_attacker_cannot_lock_a_victim_out_by_naming_their_address(client):
    letter, code = write()
    for _ in range(LOOKUP_ATTEMPTS_PER_HOUR + 5):
        look_up(client, letter.case, "WRONGCOD", ATTACKER, HTTP_X_REAL_IP=VICTIM)
    html = look_up(client, letter.case, code, VICTIM)
    assert f"{letter.case.receipt_number}：{letter.case.title}" in html


def test_rotating_forged_addresses_does_not_bypass_the_comment_limit(client, settings):
    settings.CONSULTATION_COMMENTS_PER_IP_PER_HOUR = 5
    page = consultation()
    for n in range(20):
        client.post(
            page.url,
            {"section": "", "name": "", "phone": "13912345678", "text": f"第{n}条意见。"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_REAL_IP=forged(n),
        )
    assert ConsultationComment.objects.filter(page=page).count() == 5
    refused = client.post(
        page.url,
        {"section": "", "name": "", "phone": "13912345678", "text": "再提一条。"},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_REAL_IP=forged(99),
    )
    assert "过于频繁" in refused.content.decode()


def test_rotating_forged_addresses_does_not_escape_the_letter_hold_rule(client, settings):
    settings.LETTERS_PER_IP_PER_DAY = 2
    for n in range(3):
        data = letter_form(client, title=f"第{n}封来信", phone=f"1391111{n:04d}")
        response = client.post(
            "/interaction/letters/write/", data, REMOTE_ADDR=ATTACKER, HTTP_X_REAL_IP=forged(n)
        )
        assert response.status_code == 200
    third = Letter.objects.get(case__title="第2封来信")
    assert third.held
    assert "同一网络地址当日来信过多" in third.hold_reasons


@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_header_from_the_proxy_on_login_is_no_500_and_is_audited(
    client, settings, value
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    before = AuditEntry.objects.filter(action="auth.login_failed").count()
    response = wrong_login(client, HTTP_X_REAL_IP=value)
    assert response.status_code == 200
    entries = AuditEntry.objects.filter(action="auth.login_failed")
    assert entries.count() == before + 1
    assert entries.latest("id").source_ip == "127.0.0.1"


@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_header_from_the_proxy_on_a_letter_is_no_500_and_is_audited(
    client, settings, value
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    data = letter_form(client, title="路灯不亮")
    response = client.post(
        "/interaction/letters/write/", data, HTTP_X_REAL_IP=value, HTTP_X_FORWARDED_FOR=value
    )
    assert response.status_code == 200
    letter = Letter.objects.get(case__title="路灯不亮")
    assert letter.case.receipt_number in response.content.decode()
    entry = AuditEntry.objects.get(action="case.submit", object_id=str(letter.case.pk))
    assert entry.source_ip == "127.0.0.1"
