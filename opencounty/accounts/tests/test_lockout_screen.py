"""The security administrator lifts a login lockout in the admin (with a reason, audited);
nobody else can, and nobody lifts their own."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import persona, staff_login
from opencounty.core.models import AuditEntry, Role

pytestmark = pytest.mark.django_db

SCREEN = "/admin/lockouts/"


def lock_out(client, username, ip="10.7.0.1"):
    for _ in range(5):
        staff_login(client, username, "wrong-guess", ip=ip)
    assert staff_login(client, username, ip="10.7.0.9").status_code == 429


def listed(client) -> str:
    return client.get(SCREEN).content.decode()


def lockout_id(username):
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(username=username).values_list("pk", flat=True).first()


def test_the_security_administrator_lifts_a_lockout_with_a_reason(client):
    user = persona("locked_clerk", "T01", Role.INFORMATION_OFFICER)
    TOTPDevice.objects.create(user=user, name="旧手机", confirmed=True)
    lock_out(client, "locked_clerk")
    security = persona("office_security", "001", Role.SECURITY_ADMINISTRATOR)
    client.force_login(security)
    assert 'data-username="locked_clerk"' in listed(client)
    # No reason: refused in Chinese, still locked.
    response = client.post(
        SCREEN, {"lockout": lockout_id("locked_clerk"), "reason": " "}, follow=True
    )
    assert "请填写解除锁定的原因" in response.content.decode()
    assert lockout_id("locked_clerk") is not None
    response = client.post(
        SCREEN,
        {
            "lockout": lockout_id("locked_clerk"),
            "reason": "本人到场，已核实身份",
            "second_factor": "on",
        },
    )
    assert response.status_code == 302
    assert 'data-username="locked_clerk"' not in listed(client)
    entry = AuditEntry.objects.get(action="auth.unlock", outcome="success")
    assert (
        entry.actor_name == "office_security" and entry.details["reason"] == "本人到场，已核实身份"
    )
    assert not TOTPDevice.objects.filter(user=user).exists()
    client.logout()
    assert staff_login(client, "locked_clerk", ip="10.7.0.9").status_code == 302


@pytest.mark.parametrize(
    "role", [Role.SYSTEM_ADMINISTRATOR, Role.AUDIT_ADMINISTRATOR, Role.REVIEWER]
)
def test_no_one_else_sees_or_lifts_lockouts(client, role):
    persona("locked_clerk2", "T01", Role.INFORMATION_OFFICER)
    lock_out(client, "locked_clerk2")
    other = persona("not_security", "001", role)
    client.force_login(other)
    assert client.get(SCREEN).status_code in (302, 403)
    client.post(SCREEN, {"lockout": lockout_id("locked_clerk2"), "reason": "帮忙解锁"})
    assert lockout_id("locked_clerk2") is not None
    assert not AuditEntry.objects.filter(action="auth.unlock", outcome="success").exists()


def test_a_security_administrator_cannot_lift_their_own_lockout(client):
    persona("sec_two", "001", Role.SECURITY_ADMINISTRATOR)
    lock_out(client, "sec_two")
    other_session = client  # the same person signed in elsewhere before the lockout
    from django.contrib.auth import get_user_model

    other_session.force_login(get_user_model().objects.get(username="sec_two"))
    response = other_session.post(
        SCREEN, {"lockout": lockout_id("sec_two"), "reason": "我自己"}, follow=True
    )
    assert "不能解除本人账号的锁定" in response.content.decode()
    assert lockout_id("sec_two") is not None
