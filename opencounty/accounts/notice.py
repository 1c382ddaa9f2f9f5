"""上次登录 notice: the login before this one and the failed attempts on the account since."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from opencounty.accounts.models import LoginState
from opencounty.core.models import AuditEntry

FAILURE_ACTIONS = ("auth.login_failed", "auth.otp_failed")


@dataclass(frozen=True)
class LastLogin:
    at: datetime | None
    ip: str | None
    failures: int


def last_login(user) -> LastLogin:
    state = LoginState.objects.filter(user=user).first()
    at = state.previous_login_at if state else None
    ip = state.previous_login_ip if state else None
    failures = AuditEntry.objects.filter(
        Q(action="auth.login_failed", details__username=user.get_username())
        | Q(action="auth.otp_failed", actor_name=user.get_username())
    )
    if at is not None:
        failures = failures.filter(at__gt=at)
    return LastLogin(at=at, ip=ip, failures=failures.count())
