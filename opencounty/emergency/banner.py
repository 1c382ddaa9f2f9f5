"""The public warnings every public page shows as a banner.

A page must never hide a warning for longer than a minute, whatever keeps it:
- The server's page cache: the ids of the warnings active *now* are part of every cached
  page's key (`portal.cache.register_key_part`), so a page cached before a warning was
  published, lifted or expired is simply not found; publishing and lifting also retire every
  cached page (`invalidate_pages`), which moves Last-Modified on.
- The browser's HTTP cache (`PAGE_HTTP_MAX_AGE`, a minute by default): the page's body, and so
  its ETag, carries the banner; and a small script (`emergency/js/warning-banner.js`) reads
  `warnings.json`, which no cache keeps without asking again, on load and every minute, so a
  page kept by the browser shows what is active now.
- Without JavaScript the banner rendered into the page is what a visitor reads.

The active list lives in the default cache, so an anonymous page view reads no table; it is
dropped on every publish and lift and read again from the database when missing.
"""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

CACHE_KEY = "emergency:active-warnings"
# Kept at most this long, so an app server whose cache was written by an older release or
# missed a drop still agrees within the hour; publish and lift drop it at once.
CACHE_SECONDS = 3600


def _load() -> list[dict]:
    from opencounty.emergency.models import PublicWarning

    rows = []
    for warning in PublicWarning.objects.filter(
        lifted_at__isnull=True, valid_until__gt=timezone.now()
    ).order_by("published_at"):
        rows.append(as_json(warning))
    return rows


LEVEL_ORDER = {"red": 0, "orange": 1, "yellow": 2, "blue": 3}


def as_json(warning) -> dict:
    return {
        "id": warning.pk,
        "kind": warning.kind,
        "kind_label": str(warning.get_kind_display()),
        "level": warning.level,
        "level_label": str(warning.get_level_display()),
        "area": warning.area,
        "headline": str(warning.headline),
        "text": warning.text,
        "published_at": timezone.localtime(warning.published_at).isoformat(),
        "valid_until": timezone.localtime(warning.valid_until).isoformat(),
        "valid_until_text": timezone.localtime(warning.valid_until).strftime("%Y-%m-%d %H:%M"),
    }


def _all_unlifted() -> list[dict]:
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = _load()
        cache.set(CACHE_KEY, rows, CACHE_SECONDS)
    return rows


def active_warnings(now: datetime | None = None) -> list[dict]:
    """The warnings active at `now` (published, not lifted, not expired), gravest first."""
    now = now or timezone.now()
    active = []
    for row in _all_unlifted():
        published = datetime.fromisoformat(row["published_at"])
        until = datetime.fromisoformat(row["valid_until"])
        if published <= now < until:
            active.append(row)
    return sorted(active, key=lambda row: (LEVEL_ORDER.get(row["level"], 9), row["published_at"]))


def forget() -> None:
    """Drop the cached list (after a publish or a lift)."""
    cache.delete(CACHE_KEY)


def version(now: datetime | None = None) -> str:
    """What identifies the banner shown now: the ids of the active warnings."""
    return "warnings:" + ",".join(str(row["id"]) for row in active_warnings(now))


def cache_key_part(request: HttpRequest) -> str:
    return version()
