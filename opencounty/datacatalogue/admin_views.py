"""The staff screens of the catalogue (in the Wagtail admin): the list, cataloguing a resource,
a resource's page with its files and the verbs this person may perform, asking another unit
for a resource, and the requesting unit's view of its requests. Every change goes through
`actions`; the provider answers a request on the case engine's screens (/admin/data-sharing/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.cases.actions import IllegalTransition
from opencounty.core.access import holds_role, staff_units
from opencounty.core.models import AuditEntry
from opencounty.core.storage import private_file_response
from opencounty.datacatalogue import access, actions, validation
from opencounty.datacatalogue import kind as k
from opencounty.datacatalogue.forms import (
    ReasonForm,
    ResourceForm,
    SharingRequestForm,
    UploadForm,
    items_text,
)
from opencounty.datacatalogue.models import DataFile, Resource, SharingRequest

State = Resource.State
PAGE_SIZE = 200
HISTORY_LABELS = {
    "datacatalogue.save": gettext_lazy("保存"),
    "datacatalogue.submit": gettext_lazy("送审"),
    "datacatalogue.publish": gettext_lazy("发布"),
    "datacatalogue.return": gettext_lazy("退回修改"),
    "datacatalogue.withdraw": gettext_lazy("撤回为草稿"),
    "datacatalogue.upload": gettext_lazy("上传数据文件"),
    "datacatalogue.remove_file": gettext_lazy("删除数据文件"),
    "datacatalogue.request": gettext_lazy("申请共享"),
    "datacatalogue.token": gettext_lazy("获取接口令牌"),
    "datacatalogue.download": gettext_lazy("下载数据"),
    "datacatalogue.token_use": gettext_lazy("令牌访问"),
}


def _staff(request: HttpRequest) -> None:
    if not access.is_staff(request.user):
        raise PermissionDenied


def resource_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    resources = access.visible_resources(request.user).select_related("unit")
    scope = request.GET.get("scope", "own")
    if scope == "own":
        resources = resources.filter(unit__in=access.cataloguing_units(request.user))
    q = request.GET.get("q", "").strip()[:100].replace("\x00", "")
    if q:
        resources = resources.filter(Q(name__icontains=q) | Q(code__icontains=q))
    state = request.GET.get("state", "")
    if state in State.values:
        resources = resources.filter(state=state)
    return TemplateResponse(
        request,
        "datacatalogue/admin/list.html",
        {
            "resources": resources.order_by("unit__order", "code")[:PAGE_SIZE],
            "total": resources.count(),
            "scope": scope,
            "q": q,
            "state": state,
            "states": State.choices,
            "may_catalogue": bool(access.cataloguing_units(request.user)),
        },
    )


def _visible(request: HttpRequest, pk: int) -> Resource:
    _staff(request)
    return get_object_or_404(access.visible_resources(request.user).select_related("unit"), pk=pk)


def _save(request: HttpRequest, resource: Resource | None) -> HttpResponse:
    _staff(request)
    units = access.cataloguing_units(request.user)
    if not units:
        raise PermissionDenied
    if resource is not None and (
        resource.state not in actions.EDITABLE
        or not access.may_catalogue(request.user, resource.unit)
    ):
        messages.error(request, _("该资源当前不能修改（已送审或已发布的请先撤回）。"))
        return redirect("datacatalogue_admin:detail", resource.pk)
    initial = {"items_text": items_text(resource), "unit": resource.unit} if resource else {}
    form = ResourceForm(request.POST or None, instance=resource, units=units, initial=initial)
    if resource is not None:
        form.fields["unit"].disabled = True
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = actions.save_resource(
                    resource.unit if resource else form.cleaned_data["unit"],
                    request.user,
                    form.action_data(),
                    form.cleaned_data["items_text"],
                    resource=Resource.objects.get(pk=resource.pk) if resource else None,
                )
            except (actions.CatalogueRefused, PermissionDenied) as exc:
                messages.error(request, str(exc) or _("您无权执行此操作。"))
            else:
                messages.success(request, _("资源已保存，代码 %(code)s。") % {"code": saved.code})
                return redirect("datacatalogue_admin:detail", saved.pk)
        else:
            messages.error(request, _("保存未成功，请按提示修改。"))
    return TemplateResponse(
        request, "datacatalogue/admin/form.html", {"form": form, "resource": resource}
    )


def resource_new(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, _visible(request, pk))


def _verbs(request: HttpRequest, resource: Resource) -> list[dict]:
    user, offered = request.user, []
    mine = access.may_catalogue(user, resource.unit)
    if resource.state in actions.EDITABLE and mine:
        offered.append({"verb": "submit", "label": _("送审"), "form": None})
    if resource.state == State.AWAITING_REVIEW and access.may_publish(user, resource):
        offered.append({"verb": "publish", "label": _("审核通过并发布"), "form": None})
        offered.append({"verb": "return", "label": _("退回修改"), "form": ReasonForm()})
    if (resource.state == State.PUBLISHED and access.may_publish(user, resource)) or (
        resource.state == State.AWAITING_REVIEW and mine
    ):
        offered.append({"verb": "withdraw", "label": _("撤回为草稿"), "form": None})
    return offered


def _perform(request: HttpRequest, resource: Resource, verb: str) -> str | None:
    user = request.user
    if verb == "submit":
        actions.submit_for_review(resource, user)
        return _("已送审。")
    if verb == "publish":
        actions.publish(resource, user)
        return _("已发布。")
    if verb == "withdraw":
        actions.withdraw(resource, user)
        return _("已撤回为草稿。")
    if verb == "return":
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("退回须写明理由。"))
            return None
        actions.return_for_changes(resource, user, reason=form.cleaned_data["reason"])
        return _("已退回修改。")
    if verb == "upload":
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return None
        upload = form.cleaned_data["data_file"]
        try:
            data_file = actions.upload_file(
                resource, user, filename=upload.name, data=upload.read()
            )
        except validation.FileRefused as exc:
            request._file_problems = exc.problems
            messages.error(request, str(exc))
            return None
        return _("数据文件已通过校验并保存（%(rows)d 行）。") % {"rows": data_file.rows}
    if verb == "remove_file":
        data_file = get_object_or_404(DataFile, resource=resource, pk=request.POST.get("file", ""))
        actions.remove_file(data_file, user)
        return _("数据文件已删除。")
    raise actions.CatalogueRefused(_("未知的操作。"))


def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _visible(request, pk)
    problems = []
    if request.method == "POST":
        try:
            done = _perform(request, resource, request.POST.get("verb", ""))
        except (actions.CatalogueRefused, PermissionDenied) as exc:
            messages.error(request, str(exc) or _("您无权执行此操作。"))
        else:
            if done:
                messages.success(request, done)
                return redirect("datacatalogue_admin:detail", resource.pk)
            problems = getattr(request, "_file_problems", [])
        resource.refresh_from_db()
    user = request.user
    mine = access.may_catalogue(user, resource.unit)
    own_units = list(staff_units(user))
    requests = (
        SharingRequest.objects.filter(resource=resource)
        .filter(
            Q(requesting_unit__in=own_units) | Q(resource__unit__in=own_units)
            if not access.sees_every_unit(user)
            else Q()
        )
        .select_related("case", "requesting_unit")
        .order_by("-case__submitted_at")
    )
    may_request = (
        resource.state == State.PUBLISHED
        and resource.sharing == Resource.Sharing.CONDITIONAL
        and any(u.pk != resource.unit_id for u in own_units)
    )
    history = AuditEntry.objects.filter(
        object_type="datacatalogue.resource", object_id=str(resource.pk)
    ).order_by("-at")[:50]
    history = [
        {"entry": entry, "label": HISTORY_LABELS.get(entry.action, _("其他操作"))}
        for entry in history
    ]
    return TemplateResponse(
        request,
        "datacatalogue/admin/detail.html",
        {
            "resource": resource,
            "items": resource.items.all(),
            "files": resource.files.all(),
            "verbs": _verbs(request, resource),
            "may_edit": resource.state in actions.EDITABLE and mine,
            "may_download": access.may_download(user, resource),
            "upload_form": UploadForm() if resource.state in actions.EDITABLE and mine else None,
            "problems": problems,
            "requests": requests,
            "may_request": may_request,
            "history": history,
        },
    )


def file_download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    resource = _visible(request, pk)
    data_file = get_object_or_404(DataFile, resource=resource, pk=file_pk)
    if not access.may_download(request.user, resource):
        raise PermissionDenied
    if not holds_role(request.user, resource.unit):
        actions.record_download(data_file, request.user, how="staff")
    return private_file_response(data_file.file, data_file.download_name)


def sharing_new(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _visible(request, pk)
    units = [u for u in staff_units(request.user) if u.pk != resource.unit_id]
    if not units:
        raise PermissionDenied
    form = SharingRequestForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            sharing = actions.request_sharing(
                resource,
                request.user,
                requesting_unit=form.cleaned_data["requesting_unit"],
                purpose=form.cleaned_data["purpose"],
                delivery=form.cleaned_data["delivery"],
            )
        except (actions.CatalogueRefused, PermissionDenied, IllegalTransition) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("共享申请已提交，编号 %(number)s，提供单位应在 %(days)d 个工作日内答复。")
                % {"number": sharing.case.receipt_number, "days": sharing.case.time_limit},
            )
            return redirect("datacatalogue_admin:sharing", sharing.pk)
    return TemplateResponse(
        request, "datacatalogue/admin/sharing_form.html", {"form": form, "resource": resource}
    )


def sharing_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    own = staff_units(request.user)
    requests = (
        access.visible_sharing_requests(request.user)
        .filter(requesting_unit__in=own)
        .order_by("-case__submitted_at")
    )
    return TemplateResponse(
        request, "datacatalogue/admin/sharing_list.html", {"requests": requests[:PAGE_SIZE]}
    )


def sharing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    sharing = get_object_or_404(access.visible_sharing_requests(request.user), pk=pk)
    requester = holds_role(request.user, sharing.requesting_unit)
    token = None
    if request.method == "POST" and request.POST.get("verb") == "token":
        try:
            token = actions.issue_token(sharing, request.user)
        except (actions.CatalogueRefused, PermissionDenied) as exc:
            messages.error(request, str(exc))
    granted = sharing.case.state == k.GRANTED
    return TemplateResponse(
        request,
        "datacatalogue/admin/sharing_detail_page.html",
        {
            "sharing": sharing,
            "case": sharing.case,
            "requester": requester,
            "granted": granted,
            "files": sharing.resource.files.all() if granted and requester else [],
            "token": token,
            "live_tokens": sharing.tokens.filter(revoked_at__isnull=True),
            "may_token": granted and requester and sharing.delivery == SharingRequest.Delivery.API,
        },
    )
