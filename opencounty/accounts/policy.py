"""Who must use a second factor and whether a password has expired (settings in one place)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_otp import user_has_device

from opencounty.core.models import UnitGroup

EVERY_STAFF = "*"
SUPERUSER = "superuser"


def second_factor_required(user) -> bool:
    """Whether this account may not reach the back office without an enrolled second factor
    (STAFF_2FA_REQUIRED on, and the account holds one of STAFF_2FA_REQUIRED_ROLES)."""
    if not settings.STAFF_2FA_REQUIRED or not user.is_authenticated:
        return False
    roles = set(settings.STAFF_2FA_REQUIRED_ROLES)
    if EVERY_STAFF in roles:
        return True
    if user.is_superuser and SUPERUSER in roles:
        return True
    return UnitGroup.objects.filter(group__user=user, role__in=roles).exists()


def has_second_factor(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def password_max_age() -> timedelta | None:
    days = settings.STAFF_PASSWORD_MAX_AGE_DAYS
    return timedelta(days=days) if days > 0 else None


def password_expired(user, now=None) -> bool:
    """Whether the account's password is older than STAFF_PASSWORD_MAX_AGE_DAYS. An account
    whose password was set before this rule existed starts its clock now."""
    max_age = password_max_age()
    if max_age is None or not user.has_usable_password():
        return False
    from opencounty.accounts.models import LoginState

    now = now or timezone.now()
    state, _ = LoginState.objects.get_or_create(user=user)
    if state.password_changed_at is None:
        state.password_changed_at = now
        state.save(update_fields=["password_changed_at"])
        return False
    return now - state.password_changed_at > max_age
