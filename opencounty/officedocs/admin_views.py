"""The staff screens of the document exchange: 收文 (inbox), 发文 (outbox), drafting, the
document with its tracking table (sender) or its sign-for forms (recipient), attachments.

A document someone may not see is "not found", and the attempt is audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opencounty.core import audit
from opencounty.core.access import is_unit_staff, staff_units
from opencounty.core.calendar import WorkCalendar
from opencounty.core.storage import private_file_response
from opencounty.officedocs import access, actions, paper, pdf, tracking
from opencounty.officedocs.forms import (
    CheckForm,
    DraftForm,
    FinishForm,
    InstructForm,
    ProposeForm,
    ReturnDraftForm,
    ReturnForm,
    SendForm,
)
from opencounty.officedocs.models import Delivery, DocumentAttachment, OfficialDocument

LIMIT = 200
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _staff_only(request: HttpRequest) -> None:
    if not is_unit_staff(request.user) or not access.my_unit_ids(request.user):
        raise PermissionDenied


def _visible(request: HttpRequest, document_id: int) -> OfficialDocument:
    """The document, if the user's unit sent it or received it; else 404 and an audit entry."""
    _staff_only(request)
    document = OfficialDocument.objects.select_related("sender").filter(pk=document_id).first()
    if document is None or not access.may_see(request.user, document):
        audit.record(
            "officedocs.open_refused",
            actor=request.user,
            obj=document,
            outcome="refused",
            details={"document_id": document_id},
        )
        raise Http404(_("没有找到这份公文。"))
    return document


def inbox(request: HttpRequest) -> TemplateResponse:
    """收文: what was sent to the user's units."""
    _staff_only(request)
    state = request.GET.get("state", "")
    deliveries = Delivery.objects.filter(
        unit_id__in=access.my_unit_ids(request.user),
        document__state=OfficialDocument.State.SENT,
    ).select_related("document", "document__sender", "unit")
    if state in Delivery.State.values:
        deliveries = deliveries.filter(state=state)
    return TemplateResponse(
        request,
        "officedocs/admin/inbox.html",
        {
            "deliveries": deliveries.order_by("-document__sent_at", "id")[:LIMIT],
            "states": Delivery.State.choices,
            "state": state,
            "limit": LIMIT,
        },
    )


def outbox(request: HttpRequest) -> TemplateResponse:
    """发文: the user's units' drafts and sent documents, with sign-for counts."""
    _staff_only(request)
    documents = tracking.with_counts(
        OfficialDocument.objects.filter(sender_id__in=access.my_unit_ids(request.user))
        .select_related("sender")
        .order_by("state", "-sent_at", "-drafted_at")
    )[:LIMIT]
    return TemplateResponse(
        request,
        "officedocs/admin/outbox.html",
        {"rows": [(d, tracking.annotated_counts(d)) for d in documents], "limit": LIMIT},
    )


def new(request: HttpRequest) -> TemplateResponse | HttpResponse:
    """拟稿."""
    _staff_only(request)
    units = staff_units(request.user).order_by("kind", "order", "code")
    posted = request.method == "POST"
    form = DraftForm(
        request.POST if posted else None, request.FILES if posted else None, units=units
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            document = actions.draft_document(
                request.user,
                data["unit"],
                prefix=data["prefix"],
                title=data["title"],
                body=data["body"],
                main_recipients=data["main_recipients"],
                signer=data["signer"],
                copied_to=data["copied_to"],
                urgency=data["urgency"],
                secrecy=data["secrecy"],
                handle_days=data["handle_days"],
                files=data["attachments"],
            )
        except actions.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("草稿已保存。确认无误后请送核稿。"))
            return redirect("officedocs_admin:detail", document.pk)
    return TemplateResponse(
        request, "officedocs/admin/new.html", {"form": form}, status=400 if form.errors else 200
    )


FIELDS = (
    "prefix",
    "title",
    "body",
    "main_recipients",
    "signer",
    "copied_to",
    "urgency",
    "secrecy",
    "handle_days",
)


def edit(request: HttpRequest, document_id: int) -> TemplateResponse | HttpResponse:
    """修改草稿: the drafter, while the document is a draft (e.g. after 核稿退回)."""
    document = _visible(request, document_id)
    if document.drafted_by_id != request.user.pk or document.state != OfficialDocument.State.DRAFT:
        raise PermissionDenied
    units = staff_units(request.user).filter(pk=document.sender_id)
    posted = request.method == "POST"
    initial = {name: getattr(document, name) for name in FIELDS} | {"unit": document.sender_id}
    form = DraftForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        units=units,
        initial=initial,
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            actions.revise_draft(
                request.user,
                document,
                **{name: data[name] for name in FIELDS},
                files=data["attachments"],
            )
        except actions.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("草稿已修改。确认无误后请送核稿。"))
            return redirect("officedocs_admin:detail", document.pk)
    return TemplateResponse(
        request,
        "officedocs/admin/new.html",
        {"form": form, "document": document},
        status=400 if form.errors else 200,
    )


def detail(request: HttpRequest, document_id: int) -> TemplateResponse:
    document = _visible(request, document_id)
    return _detail(request, document)


def _detail(request: HttpRequest, document: OfficialDocument, **forms) -> TemplateResponse:
    user = request.user
    today = timezone.localdate()
    sender = access.is_sender(user, document)
    delivery = access.delivery_for(user, document)
    if delivery is not None:
        delivery = actions.mark_read(user, delivery)
    context = {
        "document": document,
        "attachments": document.attachments.all(),
        "is_sender": sender,
        "delivery": delivery,
    }
    state = document.state
    if sender:
        context["steps"] = document.steps.select_related("actor", "delivery__unit")
        context["rows"] = tracking.rows(document, today)
        context["counts"] = tracking.counts(document)
        context["may_submit"] = state == OfficialDocument.State.DRAFT and (
            document.drafted_by_id == user.pk
        )
        if state == OfficialDocument.State.CHECKING and access.may_check(user, document):
            context["check_form"] = forms.get("check_form") or CheckForm()
        if state == OfficialDocument.State.SIGNING and access.may_sign_off(user, document):
            context["send_form"] = forms.get("send_form") or SendForm(document=document)
        if "check_form" in context or "send_form" in context:
            context["return_draft_form"] = forms.get("return_draft_form") or ReturnDraftForm()
    if delivery is not None:
        context["delivery_level"] = tracking.level(delivery, document, today, WorkCalendar.load())
        if delivery.state == Delivery.State.PENDING:
            context["return_form"] = forms.get("return_form") or ReturnForm()
        context["delivery_steps"] = delivery.steps.select_related("actor")
        if delivery.state == Delivery.State.SIGNED:
            context["propose_form"] = forms.get("propose_form") or ProposeForm()
        if delivery.state == Delivery.State.PROPOSED and access.is_leader(user, delivery.unit):
            context["instruct_form"] = forms.get("instruct_form") or InstructForm(
                staff=access.unit_staff(delivery.unit)
            )
        if delivery.state == Delivery.State.INSTRUCTED and delivery.assignee_id == user.pk:
            context["finish_form"] = forms.get("finish_form") or FinishForm()
    status = 400 if any(form.errors for form in forms.values()) else 200
    return TemplateResponse(request, "officedocs/admin/detail.html", context, status=status)


def _refused(request: HttpRequest, document: OfficialDocument, refusal: actions.Refused):
    messages.error(request, str(refusal))
    return redirect("officedocs_admin:detail", document.pk)


@require_POST
def send(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _visible(request, document_id)
    return _form_step(
        request,
        document,
        document,
        SendForm,
        "send_form",
        lambda document, data: actions.send_document(
            request.user, document, units=data["recipients"]
        ),
        _("公文已签发并分发。"),
        form_kwargs={"document": document},
    )


@require_POST
def submit(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _visible(request, document_id)
    try:
        actions.submit_for_check(request.user, document)
    except actions.Refused as refusal:
        return _refused(request, document, refusal)
    messages.success(request, _("已送核稿。"))
    return redirect("officedocs_admin:detail", document.pk)


@require_POST
def check(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _visible(request, document_id)
    return _form_step(
        request,
        document,
        document,
        CheckForm,
        "check_form",
        lambda document, data: actions.check(request.user, document, opinion=data["opinion"]),
        _("核稿通过，已送签发。"),
    )


@require_POST
def return_draft(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _visible(request, document_id)
    return _form_step(
        request,
        document,
        document,
        ReturnDraftForm,
        "return_draft_form",
        lambda document, data: actions.return_draft(request.user, document, reason=data["reason"]),
        _("草稿已退回拟稿人。"),
    )


@require_POST
def remind(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _visible(request, document_id)
    try:
        reminded = actions.remind(request.user, document)
    except actions.Refused as refusal:
        return _refused(request, document, refusal)
    messages.success(request, _("已向 %(count)s 个未签收单位发出催办。") % {"count": len(reminded)})
    return redirect("officedocs_admin:detail", document.pk)


def _own_delivery(request: HttpRequest, document_id: int) -> tuple[OfficialDocument, Delivery]:
    document = _visible(request, document_id)
    delivery = access.delivery_for(request.user, document)
    if delivery is None:
        raise PermissionDenied
    return document, delivery


@require_POST
def sign_for(request: HttpRequest, document_id: int) -> HttpResponse:
    document, delivery = _own_delivery(request, document_id)
    try:
        delivery = actions.sign_for(request.user, delivery)
    except actions.Refused as refusal:
        return _refused(request, document, refusal)
    messages.success(
        request, _("已签收，收文登记号 %(number)s。") % {"number": delivery.register_number}
    )
    return redirect("officedocs_admin:detail", document.pk)


def _form_step(
    request: HttpRequest,
    document: OfficialDocument,
    target,
    form_class,
    form_name: str,
    act,
    done: str,
    form_kwargs=None,
) -> HttpResponse:
    """One step on a document (核稿, 退回, 签发) or on a unit's own delivery (退文, 拟办, 批办,
    办结): the form checked (shown again with its errors), the verb done
    (`act(target, cleaned_data)`, refused in Chinese), a message, back to the document."""
    form = form_class(request.POST, **(form_kwargs or {}))
    if not form.is_valid():
        return _detail(request, document, **{form_name: form})
    try:
        act(target, form.cleaned_data)
    except actions.Refused as refusal:
        return _refused(request, document, refusal)
    messages.success(request, done)
    return redirect("officedocs_admin:detail", document.pk)


def _delivery_step(request: HttpRequest, document_id: int, *args) -> HttpResponse:
    document, delivery = _own_delivery(request, document_id)
    return _form_step(request, document, delivery, *args)


@require_POST
def return_document(request: HttpRequest, document_id: int) -> HttpResponse:
    return _delivery_step(
        request,
        document_id,
        ReturnForm,
        "return_form",
        lambda delivery, data: actions.return_document(
            request.user, delivery, reason=data["reason"]
        ),
        _("已退回发文单位。"),
    )


@require_POST
def propose(request: HttpRequest, document_id: int) -> HttpResponse:
    return _delivery_step(
        request,
        document_id,
        ProposeForm,
        "propose_form",
        lambda delivery, data: actions.propose(request.user, delivery, proposal=data["proposal"]),
        _("已拟办，待领导批办。"),
    )


@require_POST
def instruct(request: HttpRequest, document_id: int) -> HttpResponse:
    document, delivery = _own_delivery(request, document_id)
    return _form_step(
        request,
        document,
        delivery,
        InstructForm,
        "instruct_form",
        lambda delivery, data: actions.instruct(
            request.user, delivery, instruction=data["instruction"], assignee=data["assignee"]
        ),
        _("已批办，已交承办人办理。"),
        form_kwargs={"staff": access.unit_staff(delivery.unit)},
    )


@require_POST
def finish(request: HttpRequest, document_id: int) -> HttpResponse:
    return _delivery_step(
        request,
        document_id,
        FinishForm,
        "finish_form",
        lambda delivery, data: actions.finish(request.user, delivery, reply=data["reply"]),
        _("已办结。"),
    )


def attachment(request: HttpRequest, document_id: int, attachment_id: int) -> HttpResponse:
    """An attachment, for the sender and the recipients only (private storage, no URL)."""
    document = _visible(request, document_id)
    upload = get_object_or_404(DocumentAttachment, pk=attachment_id, document=document)
    audit.record(
        "officedocs.attachment_read",
        actor=request.user,
        obj=document,
        details={"file": upload.name},
    )
    return private_file_response(upload.file, upload.name)


def document_docx(request: HttpRequest, document_id: int) -> HttpResponse:
    """The document as a .docx in the national format, for the sender and the recipients."""
    document = _visible(request, document_id)
    response = HttpResponse(paper.render(document), content_type=DOCX)
    name = f"{document.number or _('草稿')} {document.title}"[:120]
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.docx")
    response["Cache-Control"] = "private, no-store"
    return response


PDF_REFUSALS = {
    "no-converter": gettext_lazy(
        "本服务器未安装 LibreOffice，无法生成 PDF。请下载 Word 格式后自行转换，或请系统管理员安装。"
    ),
    "timeout": gettext_lazy("生成 PDF 超时，请稍后再试，或下载 Word 格式。"),
    "failed": gettext_lazy("生成 PDF 失败，请下载 Word 格式。"),
}


def document_pdf(request: HttpRequest, document_id: int) -> HttpResponse:
    """The document as a PDF for reading (the .docx converted by LibreOffice), for the sender
    and the recipients; without LibreOffice, back to the document with the reason."""
    document = _visible(request, document_id)
    try:
        content = pdf.render(document)
    except pdf.Unavailable as exc:
        messages.error(request, str(PDF_REFUSALS[str(exc)]))
        return redirect("officedocs_admin:detail", document.pk)
    response = HttpResponse(content, content_type="application/pdf")
    name = f"{document.number or _('草稿')} {document.title}"[:120]
    response["Content-Disposition"] = content_disposition_header(False, f"{name}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response
