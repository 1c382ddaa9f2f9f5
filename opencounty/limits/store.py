"""Rate limits, lockouts and single-use tokens that survive any cache.

Counters use fixed windows: the first hit opens a window of `seconds`; hits within it add
one (an atomic UPDATE, so concurrent requests and several app servers agree); after it has
ended the next hit opens a fresh one. Expired rows are harmless and removed by
`manage.py purge_limits` (daily, see docs/operations.md).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from opencounty.limits.models import Counter, UsedToken


def _digest(value: str) -> str:
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def count(scope: str, client: str, *, now: datetime | None = None) -> int:
    """Hits for `client` in its current window (0 when none or the window has ended)."""
    now = now or timezone.now()
    row = (
        Counter.objects.filter(scope=scope, key=_digest(client), expires_at__gt=now)
        .values_list("count", flat=True)
        .first()
    )
    return row or 0


def hit(scope: str, client: str, *, seconds: int, now: datetime | None = None) -> int:
    """Count one hit for `client`; returns the hits in the window including this one."""
    now = now or timezone.now()
    key = _digest(client)
    live = Counter.objects.filter(scope=scope, key=key, expires_at__gt=now)
    with transaction.atomic():
        if live.update(count=F("count") + 1):
            return live.values_list("count", flat=True).first() or 1
        ends = now + timedelta(seconds=seconds)
        try:
            with transaction.atomic():
                Counter.objects.create(scope=scope, key=key, count=1, expires_at=ends)
            return 1
        except IntegrityError:
            pass
        # The row exists: either its window has ended (start again) or another request made it
        # a moment ago (count on).
        Counter.objects.filter(scope=scope, key=key, expires_at__lte=now).update(
            count=0, expires_at=ends
        )
        live.update(count=F("count") + 1)
        return live.values_list("count", flat=True).first() or 1


def reset(scope: str, client: str) -> None:
    Counter.objects.filter(scope=scope, key=_digest(client)).delete()


def use_once(scope: str, token: str, *, seconds: int, now: datetime | None = None) -> bool:
    """True the first time `token` is used; False every later time within `seconds` (choose at
    least the token's own lifetime, so it has expired before its row is removed)."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            UsedToken.objects.create(
                scope=scope, token=_digest(token), expires_at=now + timedelta(seconds=seconds)
            )
    except IntegrityError:
        return False
    return True


def purge_expired(*, now: datetime | None = None) -> tuple[int, int]:
    """Remove counters whose window has ended and tokens past their lifetime."""
    now = now or timezone.now()
    counters, _ = Counter.objects.filter(expires_at__lte=now).delete()
    tokens, _ = UsedToken.objects.filter(expires_at__lte=now).delete()
    return counters, tokens
