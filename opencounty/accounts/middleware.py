"""Staff login policy on every request of a signed-in account:

1. an absolute session lifetime (STAFF_SESSION_MAX_SECONDS) beside the idle timeout;
2. the second factor: an account with an authenticator verifies it, an account that must have
   one (policy.second_factor_required) enrols first;
3. an expired password is changed before anything else.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from opencounty.accounts import policy
from opencounty.accounts.signals import LOGIN_AT_SESSION_KEY
from opencounty.core import audit


def _exempt(path: str) -> bool:
    return path.startswith(
        (
            settings.STATIC_URL,
            "/admin/security/",
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_javascript_catalog"),
            reverse("wagtailadmin_sprite"),  # the icons every page fetches, the step pages too
        )
    ) or path in {"/favicon.ico", "/robots.txt"}


def _to(name: str, request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse(name) + "?" + urlencode({"next": request.get_full_path()}))


class StaffLoginPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)

        now = int(time.time())
        login_at = request.session.get(LOGIN_AT_SESSION_KEY)
        if not isinstance(login_at, int):
            request.session[LOGIN_AT_SESSION_KEY] = login_at = now
        if now - login_at > settings.STAFF_SESSION_MAX_SECONDS:
            audit.record(
                "auth.session_expired",
                actor=user,
                obj=user,
                details={"seconds": now - login_at},
                request=request,
            )
            logout(request)
            messages.warning(request, _("本次登录已超过最长使用时间，请重新登录。"))
            return _to("wagtailadmin_login", request)

        if _exempt(request.path):
            return self.get_response(request)
        if policy.has_second_factor(user):
            if not user.is_verified():
                return _to("accounts_verify", request)
        elif policy.second_factor_required(user):
            return _to("accounts_enrol", request)
        if policy.password_expired(user):
            return _to("accounts_password_expired", request)
        return self.get_response(request)
