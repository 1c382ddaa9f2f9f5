"""Staff login state changes, each written to the hash-chained audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from opencounty.accounts.models import LoginState, PasswordHistory
from opencounty.core import audit
from opencounty.core.audit import client_ip


def record_password_change(user, *, request=None) -> None:
    """Keep the new password's hash for the history rule and restart its expiry clock."""
    now = timezone.now()
    with transaction.atomic():
        PasswordHistory.objects.create(user=user, password=user.password, changed_at=now)
        keep = max(settings.STAFF_PASSWORD_HISTORY, 1)
        old = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[keep:]
        PasswordHistory.objects.filter(pk__in=list(old)).delete()
        LoginState.objects.update_or_create(user=user, defaults={"password_changed_at": now})
        audit.record("auth.password_change", obj=user, request=request)


def record_login(user, *, request) -> None:
    """The login before this one becomes 'previous' (shown on the dashboard)."""
    with transaction.atomic():
        state, _ = LoginState.objects.select_for_update().get_or_create(user=user)
        state.previous_login_at = state.current_login_at
        state.previous_login_ip = state.current_login_ip
        state.current_login_at = timezone.now()
        state.current_login_ip = client_ip(request)
        state.save()


def start_enrolment(user) -> TOTPDevice:
    """The unconfirmed authenticator of this account (a new secret unless one is pending)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="动态口令", confirmed=False)
    return device


def confirm_enrolment(request, device: TOTPDevice, token: str) -> bool:
    """Confirm the authenticator when the first code from it is right (audited either way)."""
    user = request.user
    if device.user_id != user.pk or device.confirmed:
        return False
    if not device.verify_token(token):
        audit.record(
            "auth.otp_enrol_failed", actor=user, obj=user, outcome="failure", request=request
        )
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        audit.record("auth.otp_enrolled", actor=user, obj=user, request=request)
    otp_login(request, device)
    return True


def verify_second_factor(request, token: str) -> tuple[bool, str]:
    """Check a code against the account's authenticators: (verified, reason when not)."""
    user = request.user
    throttled = False
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(token):
            otp_login(request, device)
            audit.record("auth.otp_verified", actor=user, obj=user, request=request)
            return True, ""
    reason = "throttled" if throttled else "wrong"
    audit.record(
        "auth.otp_failed",
        actor=user,
        obj=user,
        outcome="failure",
        details={"reason": reason},
        request=request,
    )
    return False, reason


def reset_second_factor(user, *, actor, request=None) -> int:
    """Remove an account's authenticators (lost phone): it enrols again at its next login."""
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        audit.record("auth.otp_reset", actor=actor, obj=user, request=request)
    return removed
