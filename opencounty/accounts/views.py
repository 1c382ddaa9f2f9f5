"""The steps after the password: the second factor (verify or enrol) and a forced change of
an expired password. Pages in the login page's style, outside the admin's menus."""

from __future__ import annotations

import base64

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from opencounty.accounts import actions, policy
from opencounty.accounts.forms import TokenForm


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _signed_in(view):
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect("wagtailadmin_login")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return never_cache(wrapped)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What axes answers a locked-out login with (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


@_signed_in
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not policy.has_second_factor(user):
        if policy.second_factor_required(user):
            return redirect(reverse("accounts_enrol") + "?next=" + _next(request))
        return HttpResponseRedirect(_next(request))
    if user.is_verified():
        return HttpResponseRedirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified, reason = actions.verify_second_factor(request, form.cleaned_data["token"])
        if verified:
            return HttpResponseRedirect(_next(request))
        # A wrong code counts like a wrong password, per account and per address.
        credentials = {"username": user.get_username()}
        AxesProxyHandler.user_login_failed(sender=verify, credentials=credentials, request=request)
        if not AxesProxyHandler.is_allowed(request, credentials):
            logout(request)
            return locked_out(request)
        if reason == "throttled":
            form.add_error("token", _("错误次数过多，请稍候片刻再输入新的动态口令。"))
        else:
            form.add_error("token", _("动态口令不正确或已过期，请输入验证器上当前显示的数字。"))
    return render(request, "accounts/verify.html", {"form": form, "next": _next(request)})


def _qr_svg(uri: str) -> str:
    svg = segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@_signed_in
def enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if policy.has_second_factor(user):
        if not user.is_verified():
            return redirect(reverse("accounts_verify") + "?next=" + _next(request))
        return render(request, "accounts/enrolled.html", {"next": _next(request)})
    device = actions.start_enrolment(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if actions.confirm_enrolment(request, device, form.cleaned_data["token"]):
            messages.success(request, _("两步验证已启用，今后登录时需输入动态口令。"))
            return HttpResponseRedirect(_next(request))
        form.add_error("token", _("动态口令不正确，请确认手机时间准确后输入当前显示的数字。"))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next(request),
        "qr": _qr_svg(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": policy.second_factor_required(user),
    }
    return render(request, "accounts/enrol.html", context)


@sensitive_post_parameters()
@_signed_in
def password_expired(request: HttpRequest) -> HttpResponse:
    user = request.user
    if policy.has_second_factor(user) and not user.is_verified():
        return redirect(reverse("accounts_verify") + "?next=" + request.get_full_path())
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("密码已修改。"))
        return HttpResponseRedirect(_next(request))
    context = {
        "form": form,
        "next": _next(request),
        "expired": policy.password_expired(user),
        "days": settings.STAFF_PASSWORD_MAX_AGE_DAYS,
    }
    return render(request, "accounts/password_change.html", context)
