"""HTTP cache headers, so that browsers, nginx and a CDN can keep published pages.

- A published page seen by an anonymous visitor is `public, max-age=PAGE_HTTP_MAX_AGE` with
  an ETag (a digest of the body) and a Last-Modified: the later of the page's own
  last_published_at and the last time anything public changed (recorded by
  portal.cache.invalidate_pages, which every publish, unpublish, move or published reply
  calls). A column or the home page lists other pages, so the page's own date alone would
  answer "not modified" to a list that has changed.
- Shared caches (nginx, a CDN) keep it only PAGE_SHARED_MAX_AGE seconds (`s-maxage`, 1 by
  default) and may serve their copy for as long again while they fetch the next
  (`stale-while-revalidate`), so a publish shows through them within about a second while the
  application answers each page at most about once a second, mostly with a 304 from its page
  cache. nginx counts in whole seconds from when it stored the copy, so `s-maxage=1` would keep
  a page for up to two; it is told the end of the current second instead
  (`X-Accel-Expires: @<epoch second>`, which it obeys before Cache-Control and never passes
  on). See docs/decisions/0022.
- Anything for a signed-in person, and any response that sets a cookie or carries a CSRF
  token (a form), is `private, no-store`: it must never be kept by a shared cache.
- A page in another language than LANGUAGE_CODE (an English browser's) is `private`: a
  browser may keep it, but nginx, whose key has no language, must not hand it to others. So is
  a page asked for with query parameters the page cache does not store (made-up ones): nginx
  keys on the whole address, and such addresses would push real pages out of its cache.

Django's ConditionalGetMiddleware, placed before the page cache, answers a conditional GET
with 304 from these validators, also when the page came from the page cache.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from wagtail.models import Page

from opencounty.portal.cache import query_key

PUBLIC_CHANGED_AT_KEY = "portal:public-changed-at"
_NEVER_PUBLIC_PREFIXES = ("/admin/", "/django-admin/")


def record_public_change(moment: float) -> None:
    """Remember when public content last changed (seconds since the epoch)."""
    cache.set(PUBLIC_CHANGED_AT_KEY, moment, None)


def public_changed_at() -> datetime | None:
    value = cache.get(PUBLIC_CHANGED_AT_KEY)
    return datetime.fromtimestamp(float(value), tz=UTC) if value else None


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    """For one person only: signed in, a cookie set, or a form's CSRF token in the page."""
    return (
        _signed_in(request)
        or bool(response.cookies)
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    )


def _published_page(response: HttpResponse) -> Page | None:
    context = getattr(response, "context_data", None) or {}
    page = context.get("page")
    return page if isinstance(page, Page) and page.live else None


def _in_default_language(response: HttpResponse) -> bool:
    """The page's language (Content-Language, which LocaleMiddleware, inside this middleware,
    has set) is the site's own."""
    language = response.get("Content-Language", settings.LANGUAGE_CODE)
    return language.lower() == settings.LANGUAGE_CODE.lower()


def last_modified(page: Page) -> datetime | None:
    moments = [m for m in (page.last_published_at, public_changed_at()) if m is not None]
    return max(moments) if moments else None


class CacheHeadersMiddleware:
    """Placed after the page cache (so cached pages keep their headers) and before the
    session and CSRF middleware (so it sees every cookie they set)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _personal(request, response):
            if not response.has_header("Cache-Control") or "public" in response["Cache-Control"]:
                response.headers.pop("Cache-Control", None)
                patch_cache_control(response, private=True, no_store=True)
            return response
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
            and not response.has_header("Cache-Control")
            and not request.path.startswith(_NEVER_PUBLIC_PREFIXES)
        ):
            page = _published_page(response)
            if page is not None:
                if _in_default_language(response) and query_key(request) is not None:
                    patch_cache_control(
                        response,
                        public=True,
                        max_age=settings.PAGE_HTTP_MAX_AGE,
                        s_maxage=settings.PAGE_SHARED_MAX_AGE,
                        stale_while_revalidate=settings.PAGE_SHARED_MAX_AGE,
                    )
                else:
                    patch_cache_control(response, private=True, max_age=settings.PAGE_HTTP_MAX_AGE)
                # The display mode and text size are chosen by cookie.
                patch_vary_headers(response, ["Cookie"])
                moment = last_modified(page)
                if moment is not None:
                    response["Last-Modified"] = http_date(moment.timestamp())
                if not response.has_header("ETag"):
                    set_response_etag(response)
        return response


def _is_public(response: HttpResponse) -> bool:
    directives = response.get("Cache-Control", "").lower().split(",")
    return "public" in (directive.strip() for directive in directives)


class SharedCacheExpiryMiddleware:
    """Tells nginx until which second it may keep a public page (`X-Accel-Expires: @T`).

    Placed before ConditionalGetMiddleware, so the 304 that renews nginx's copy carries it as
    well, and outside the page cache, so the moment is this request's, not the cached copy's.
    It is added after Cache-Control: nginx reads `stale-while-revalidate` from Cache-Control
    only when that header comes first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _is_public(response):
            until = int(time.time()) + settings.PAGE_SHARED_MAX_AGE - 1
            response["X-Accel-Expires"] = f"@{until}"
        return response
