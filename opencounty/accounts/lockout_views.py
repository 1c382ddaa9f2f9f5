"""登录锁定: the security administrator's list of current lockouts, each liftable with a reason."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from opencounty.accounts import lockouts


class UnlockForm(forms.Form):
    lockout = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("原因"),
        max_length=lockouts.REASON_MAX,
        error_messages={"required": _("请填写解除锁定的原因（将写入审计日志）。")},
    )
    second_factor = forms.BooleanField(label=_("同时重置两步验证（手机丢失）"), required=False)


def lockout_list(request: HttpRequest) -> HttpResponse:
    if not lockouts.handles_lockouts(request.user):
        raise PermissionDenied
    form = UnlockForm()
    if request.method == "POST":
        form = UnlockForm(request.POST)
        if form.is_valid():
            try:
                removed = lockouts.unlock(
                    request.user,
                    form.cleaned_data["lockout"],
                    reason=form.cleaned_data["reason"],
                    second_factor=form.cleaned_data["second_factor"],
                    request=request,
                )
            except lockouts.UnlockRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(
                    request, _("已解除锁定（清除 %(n)s 条失败记录）。") % {"n": removed}
                )
                return redirect("accounts_lockouts")
        else:
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return TemplateResponse(
        request,
        "accounts/lockouts.html",
        {"lockouts": lockouts.current(), "form": form},
    )
