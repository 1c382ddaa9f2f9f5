"""Login lockouts seen and lifted by the security administrator (安全管理员) in the admin, as
the `staff_unlock` command does at the shell. Lifting one needs a reason and is audited; nobody
lifts a lockout of their own account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.accounts import actions
from opencounty.core import audit
from opencounty.core.access import holds_office_role
from opencounty.core.models import Role

REASON_MAX = 500


class UnlockRefused(ValueError):
    """The lockout cannot be lifted this way (message in Chinese)."""


@dataclass(frozen=True)
class Lockout:
    pk: int
    username: str
    ip_address: str
    failures: int
    last_try: datetime
    ends: datetime


def handles_lockouts(user) -> bool:
    return bool(user and user.is_authenticated) and (
        user.is_superuser or holds_office_role(user, {Role.SECURITY_ADMINISTRATOR})
    )


def current(now: datetime | None = None) -> list[Lockout]:
    """Accounts and addresses locked out now (enough failures within the cool-off time)."""
    now = now or timezone.now()
    cooloff = settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=now - cooloff
    ).order_by("-attempt_time")[:200]
    return [
        Lockout(
            pk=attempt.pk,
            username=attempt.username or "",
            ip_address=attempt.ip_address or "",
            failures=attempt.failures_since_start,
            last_try=attempt.attempt_time,
            ends=attempt.attempt_time + cooloff,
        )
        for attempt in attempts
    ]


def lift(*, username: str, ip: str, reason: str, actor=None, request=None) -> int:
    """Clear the failures of an account and/or an address; audited with the reason."""
    removed = 0
    if username:
        removed += AxesProxyHandler.reset_attempts(username=username)
    if ip:
        removed += AxesProxyHandler.reset_attempts(ip_address=ip)
    user = get_user_model().objects.filter(username=username).first() if username else None
    audit.record(
        "auth.unlock",
        actor=actor,
        obj=user,
        request=request,
        details={
            "username": username,
            "ip": ip,
            "reason": reason[:REASON_MAX],
            "attempts": removed,
        },
    )
    return removed


def unlock(actor, lockout_pk: int, *, reason: str, second_factor: bool = False, request=None):
    """The security administrator lifts one listed lockout (account and address)."""
    if not handles_lockouts(actor):
        audit.record("auth.unlock", actor=actor, outcome="failure", request=request)
        raise PermissionDenied(_("只有安全管理员可以解除登录锁定。"))
    reason = (reason or "").strip()
    if not reason:
        raise UnlockRefused(_("请填写解除锁定的原因（将写入审计日志）。"))
    if len(reason) > REASON_MAX:
        raise UnlockRefused(_("原因不能超过 %(max)s 个字。") % {"max": REASON_MAX})
    attempt = AccessAttempt.objects.filter(pk=lockout_pk).first()
    if attempt is None:
        raise UnlockRefused(_("该锁定已解除或已过期。"))
    if attempt.username and attempt.username == actor.get_username():
        audit.record(
            "auth.unlock", actor=actor, outcome="failure", request=request, details={"self": True}
        )
        raise UnlockRefused(_("不能解除本人账号的锁定，请由另一名安全管理员办理。"))
    removed = lift(
        username=attempt.username or "",
        ip=attempt.ip_address or "",
        reason=reason,
        actor=actor,
        request=request,
    )
    if second_factor and attempt.username:
        user = get_user_model().objects.filter(username=attempt.username).first()
        if user is not None:
            actions.reset_second_factor(user, actor=actor, request=request)
    return removed
