"""Whole-page cache for anonymous visitors, so public page views skip the database.

A response is cached per host, path, known query parameters, display mode and language (the
one Django picks from the Accept-Language header) when the visitor is anonymous: no session
cookie, or one naming no live session (expired, logged out, made up), which is remembered so
the next request with it skips the database too.
The pages live in their own cache (`CACHES["pages"]`), apart from anything that must not be
forgotten (limits and captcha single-use are in the database, see opencounty.limits).

Only query parameters the public pages read are part of the key (`PAGE_CACHE_QUERY_PARAMS`);
tracking parameters (`PAGE_CACHE_IGNORED_PARAMS`, utm_*) are dropped from it; a request with
any other parameter is answered but not stored, so random query strings cannot fill the
cache and push real pages out.

Publishing anything bumps a generation number, which retires every cached page at once; the
number lives in the page cache, so several app servers agree on it. When the number itself
has been evicted it starts again from the clock, never from a value used before.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_request

GENERATION_KEY = "portal:page-generation"
ELDERLY_COOKIE = "oc_elderly"
TEXT_SIZE_COOKIE = "oc_text"
TEXT_SIZES = ("small", "large")
PAGE_CACHE_ALIAS = "pages"
MAX_PARAMETER_LENGTH = 200
_SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")
_NO_SESSION_PREFIX = "portal:no-session:"


# Functions of the request whose answer is part of every cached page's key: something shown
# on every page that changes on its own schedule (a public warning's banner, which appears and
# expires without a publish) registers one from its AppConfig.ready().
KEY_PARTS: list[Callable[[HttpRequest], str]] = []


def register_key_part(part: Callable[[HttpRequest], str]) -> None:
    if part not in KEY_PARTS:
        KEY_PARTS.append(part)


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


def invalidate_pages() -> None:
    from opencounty.portal.http_cache import record_public_change

    record_public_change(time.time())  # the Last-Modified of every public page from now on
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), None)


def _generation() -> int:
    cache = page_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Evicted or never set: start from the clock, so no page of an earlier generation
        # comes back.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY, 0)
    return int(value)


def _session_is_anonymous(request: HttpRequest) -> bool:
    """True when the session cookie names no session holding anything (expired, ended, made
    up): such a visitor sees what anyone sees. Invalid keys are remembered in the page cache."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    if not session_key or len(session_key) > 40 or not session_key.isalnum():
        return True
    marker = _NO_SESSION_PREFIX + hashlib.sha256(session_key.encode()).hexdigest()
    cache = page_cache()
    if cache.get(marker):
        return True
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    data = store.load()
    if store.session_key is None:
        # No such live session; a server never hands out a key it has seen, so it stays dead.
        cache.set(marker, 1, settings.SESSION_COOKIE_AGE * 2)
        return True
    return not data


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(_SKIP_PREFIXES)
        and (settings.SESSION_COOKIE_NAME not in request.COOKIES or _session_is_anonymous(request))
    )


def query_key(request: HttpRequest) -> str | None:
    """The query parameters that change a public page, normalised; None when the query
    string holds anything else (then the page is answered but not stored)."""
    known = set(settings.PAGE_CACHE_QUERY_PARAMS)
    ignored = set(settings.PAGE_CACHE_IGNORED_PARAMS)
    pairs = []
    for name, values in request.GET.lists():
        if name in ignored or name.startswith("utm_"):
            continue
        if name not in known or len(values) != 1 or len(values[0]) > MAX_PARAMETER_LENGTH:
            return None
        if values[0]:
            pairs.append((name, values[0]))
    return "&".join(f"{name}={value}" for name, value in sorted(pairs))


def text_size(request: HttpRequest) -> str:
    """The article text size the visitor chose with 字号 (small, large), or "" for the default."""
    value = request.COOKIES.get(TEXT_SIZE_COOKIE, "")
    return value if value in TEXT_SIZES else ""


def _key(request: HttpRequest, query: str) -> str:
    mode = "elderly" if request.COOKIES.get(ELDERLY_COOKIE) == "1" else "standard"
    # LocaleMiddleware runs after this one: ask Django which language the page will be in.
    language = get_language_from_request(request)
    raw = f"{request.get_host()}|{request.path}?{query}|{mode}|{text_size(request)}|{language}"
    for part in KEY_PARTS:
        raw += "|" + part(request)
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return f"portal:page:{_generation()}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        query = query_key(request)
        if query is None:
            return self.get_response(request)
        cache = page_cache()
        key = _key(request, query)
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
