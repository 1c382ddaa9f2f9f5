"""Staff screens of the notices (内部通知), the directory (通讯录), the document search (公文查询)
and the yearly archive export (年度归档).

A notice someone may not see is "not found", and the attempt is audited, like documents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from opencounty.core import audit
from opencounty.core.access import is_unit_staff, staff_units
from opencounty.core.models import Unit
from opencounty.core.storage import private_file_response
from opencounty.officedocs import access, directory, notices, records
from opencounty.officedocs.actions import Refused
from opencounty.officedocs.staff_forms import (
    ArchiveForm,
    ContactFormSet,
    DirectoryHeadForm,
    NoticeForm,
    OfficeFormSet,
    SearchForm,
)
from opencounty.officedocs.staff_models import NoticeAttachment, StaffNotice

LIMIT = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _staff_only(request: HttpRequest) -> None:
    if not is_unit_staff(request.user) or not access.my_unit_ids(request.user):
        raise PermissionDenied


# Notices -------------------------------------------------------------------------------------


def _sending_units(user):
    return (
        staff_units(user)
        .filter(role_groups__group__user=user, role_groups__role__in=access.SIGN_OFF_ROLES)
        .distinct()
        .order_by("kind", "order", "code")
    )


def notice_list(request: HttpRequest) -> TemplateResponse:
    """收到的通知 (unread first marked), and the notices my units sent."""
    _staff_only(request)
    box = "sent" if request.GET.get("box") == "sent" else "received"
    if box == "sent":
        rows = (
            StaffNotice.objects.filter(sender_id__in=access.my_unit_ids(request.user))
            .select_related("sender")
            .order_by("-sent_at", "-id")[:LIMIT]
        )
    else:
        rows = notices.received_notices(request.user).order_by("is_read", "-sent_at", "-id")[:LIMIT]
    return TemplateResponse(
        request,
        "officedocs/admin/notices/list.html",
        {
            "box": box,
            "notices": rows,
            "limit": LIMIT,
            "may_send": _sending_units(request.user).exists(),
        },
    )


def notice_new(request: HttpRequest) -> TemplateResponse | HttpResponse:
    _staff_only(request)
    units = _sending_units(request.user)
    posted = request.method == "POST"
    form = NoticeForm(
        request.POST if posted else None, request.FILES if posted else None, units=units
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            notice = notices.send_notice(
                request.user,
                data["unit"],
                title=data["title"],
                body=data["body"],
                units=data["recipients"],
                files=data["attachments"],
            )
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("内部通知已发布。"))
            return redirect("officedocs_notices:detail", notice.pk)
    return TemplateResponse(
        request,
        "officedocs/admin/notices/new.html",
        {"form": form, "may_send": units.exists()},
        status=400 if form.errors else 200,
    )


def _visible_notice(request: HttpRequest, notice_id: int) -> StaffNotice:
    _staff_only(request)
    notice = StaffNotice.objects.select_related("sender").filter(pk=notice_id).first()
    if notice is None or not notices.may_see(request.user, notice):
        audit.record(
            "officedocs.notice_open_refused",
            actor=request.user,
            obj=notice,
            outcome="refused",
            details={"notice_id": notice_id},
        )
        raise Http404(_("没有找到这份通知。"))
    return notice


def notice_detail(request: HttpRequest, notice_id: int) -> TemplateResponse:
    notice = _visible_notice(request, notice_id)
    receipt = notices.mark_read(request.user, notice)
    sender = notices.is_sender(request.user, notice)
    context = {
        "notice": notice,
        "attachments": notice.attachments.all(),
        "receipt": receipt,
        "is_sender": sender,
        "recipients": notice.recipients.select_related("unit").order_by(
            "unit__kind", "unit__order", "unit__code"
        ),
    }
    if sender:
        rows = notices.receipts(notice)
        context["receipt_rows"] = rows
        context["read_count"] = sum(len(row.read) for row in rows)
        context["staff_count"] = sum(len(row.read) + len(row.unread) for row in rows)
    return TemplateResponse(request, "officedocs/admin/notices/detail.html", context)


def notice_attachment(request: HttpRequest, notice_id: int, attachment_id: int) -> HttpResponse:
    notice = _visible_notice(request, notice_id)
    upload = get_object_or_404(NoticeAttachment, pk=attachment_id, notice=notice)
    audit.record(
        "officedocs.notice_attachment_read",
        actor=request.user,
        obj=notice,
        details={"file": upload.name},
    )
    return private_file_response(upload.file, upload.name)


# Directory -----------------------------------------------------------------------------------


def _directory_reader(request: HttpRequest) -> None:
    if not directory.may_read(request.user):
        raise PermissionDenied


def directory_list(request: HttpRequest) -> TemplateResponse:
    _directory_reader(request)
    pages = directory.pages()
    return TemplateResponse(
        request,
        "officedocs/admin/directory/list.html",
        {
            "pages": pages,
            "editable": {
                page.unit.pk for page in pages if directory.may_edit(request.user, page.unit)
            },
        },
    )


def directory_edit(request: HttpRequest, unit_id: int) -> TemplateResponse | HttpResponse:
    _directory_reader(request)
    unit = get_object_or_404(Unit, pk=unit_id)
    if not directory.may_edit(request.user, unit):
        message = _("只有本单位的单位管理员可以修改本单位的通讯录。")
        audit.record(
            "officedocs.directory_update",
            actor=request.user,
            obj=unit,
            outcome="refused",
            details={"reason": message},
        )
        messages.error(request, message)
        return redirect("officedocs_directory:list")
    [page] = directory.pages(Unit.objects.filter(pk=unit.pk))
    posted = request.method == "POST"
    head = DirectoryHeadForm(
        request.POST if posted else None,
        initial={"duty_phone": page.duty_phone, "fax": page.fax},
    )
    offices = OfficeFormSet(
        request.POST if posted else None,
        prefix="offices",
        initial=[{"name": o.name, "phone": o.phone, "room": o.room} for o in page.offices],
    )
    contacts = ContactFormSet(
        request.POST if posted else None,
        prefix="contacts",
        initial=[
            {
                "office": c.office,
                "name": c.name,
                "post": c.post,
                "office_phone": c.office_phone,
                "mobile": c.mobile,
            }
            for c in page.contacts
        ],
    )
    error = ""
    if posted and head.is_valid() and offices.is_valid() and contacts.is_valid():
        filled = [f.cleaned_data for f in offices if any((f.cleaned_data or {}).values())]
        people = [f.cleaned_data for f in contacts if any((f.cleaned_data or {}).values())]
        try:
            directory.update_directory(
                request.user,
                unit,
                duty_phone=head.cleaned_data["duty_phone"],
                fax=head.cleaned_data["fax"],
                offices=[directory.Office(**row) for row in filled],
                contacts=[directory.Contact(**row) for row in people],
            )
        except Refused as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("通讯录已保存。"))
            return redirect("officedocs_directory:list")
    elif posted:
        error = _("请检查填写的内容。")
    return TemplateResponse(
        request,
        "officedocs/admin/directory/edit.html",
        {"unit": unit, "head": head, "offices": offices, "contacts": contacts, "error": error},
        status=400 if error else 200,
    )


def directory_export(request: HttpRequest) -> HttpResponse:
    _directory_reader(request)
    audit.record("officedocs.directory_export", actor=request.user)
    response = HttpResponse(directory.workbook(directory.pages()), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, _("通讯录.xlsx"))
    response["Cache-Control"] = "private, no-store"
    return response


# Search and archive --------------------------------------------------------------------------


def search(request: HttpRequest) -> TemplateResponse:
    _staff_only(request)
    asked = any(request.GET.get(key) for key in SearchForm.base_fields)
    form = SearchForm(request.GET if asked else None)
    documents = None
    if asked and form.is_valid():
        data = form.cleaned_data
        documents = list(
            records.search(
                request.user,
                records.Query(
                    number=data["number"].strip(),
                    title=data["title"].strip(),
                    unit=data["unit"],
                    since=data["since"],
                    until=data["until"],
                    direction=data["direction"],
                ),
            )[:LIMIT]
        )
    return TemplateResponse(
        request,
        "officedocs/admin/search.html",
        {
            "form": form,
            "documents": documents,
            "limit": LIMIT,
            "archive_form": ArchiveForm(units=staff_units(request.user).order_by("kind", "order")),
        },
        status=400 if asked and form.errors else 200,
    )


def archive_export(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    units = staff_units(request.user).order_by("kind", "order", "code")
    form = ArchiveForm(request.GET, units=units)
    error = ""
    if form.is_valid():
        try:
            out, name = records.export_archive(
                request.user, form.cleaned_data["unit"], form.cleaned_data["year"]
            )
        except Refused as refusal:
            error = str(refusal)
        else:
            response = FileResponse(out, as_attachment=True, filename=name)
            response["Content-Type"] = "application/zip"
            response["Cache-Control"] = "private, no-store"
            return response
    else:
        error = _("请选择单位和年度。")
    return TemplateResponse(
        request,
        "officedocs/admin/archive_refused.html",
        {"error": error, "archive_form": form},
        status=403 if form.is_valid() else 400,
    )
