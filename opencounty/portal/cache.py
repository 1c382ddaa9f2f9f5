"""Whole-page cache for anonymous visitors, so public page views skip the database.

A response is cached per host, path, query string and display mode when the
visitor carries no session (so is certainly anonymous). Publishing anything
bumps a generation number, which retires every cached page at once; the number
lives in the shared cache, so several app servers agree on it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

GENERATION_KEY = "portal:page-generation"
ELDERLY_COOKIE = "oc_elderly"
TEXT_SIZE_COOKIE = "oc_text"
TEXT_SIZES = ("small", "large")
_SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


def invalidate_pages() -> None:
    from opencounty.portal.http_cache import record_public_change

    record_public_change(time.time())  # the Last-Modified of every public page from now on
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def _generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(_SKIP_PREFIXES)
    )


def text_size(request: HttpRequest) -> str:
    """The article text size the visitor chose with 字号 (small, large), or "" for the default."""
    value = request.COOKIES.get(TEXT_SIZE_COOKIE, "")
    return value if value in TEXT_SIZES else ""


def _key(request: HttpRequest) -> str:
    mode = "elderly" if request.COOKIES.get(ELDERLY_COOKIE) == "1" else "standard"
    raw = f"{request.get_host()}|{request.get_full_path()}|{mode}|{text_size(request)}"
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return f"portal:page:{_generation()}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "no-cache" not in response.get("Cache-Control", "")
            and getattr(request, "page_cacheable", True)
        ):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
