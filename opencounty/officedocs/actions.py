"""Verbs of the document exchange, one function per verb. Inside the sending unit: draft
(拟稿), submit for checking (送核稿), check (核稿通过), return a draft (核稿/签发退回), send
(签发并分发). Inside a receiving unit: read, sign for (签收), return (退文), propose (拟办),
instruct (批办, assigning a 承办人), finish (办结). The sender's remind (催办), and the daily
reminder of overdue units (`remind_overdue`, SMS and mail).

Each checks the actor's permission (a refusal is audited), checks the transition is legal,
writes inside one transaction with the row locked (two clerks of a unit can race), appends to
the audit log and mails the units concerned after the commit. Every verb takes the moment it
acts at (`at`, now by default): the demo and the tests run on any date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases.notify import send_notification, unit_recipients
from opencounty.core import audit, calendar
from opencounty.core.access import holds_role, is_administrator
from opencounty.core.models import Unit
from opencounty.core.numbering import next_number
from opencounty.core.uploads import sniff
from opencounty.officedocs import access
from opencounty.officedocs.models import (
    Delivery,
    DocumentAttachment,
    DocumentStep,
    OfficialDocument,
)
from opencounty.services.sms import send_sms

PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,12}$")
# Accepted attachment types: the name's extension and what the content shows must agree.
EXTENSIONS = {"pdf": "pdf", "docx": "office", "xlsx": "office", "png": "png", "jpg": "jpeg"}
EXTENSIONS["jpeg"] = "jpeg"
MAX_ATTACHMENTS = 10


class Refused(Exception):
    """The verb is not allowed for this person or now, or its input is wrong (in Chinese)."""


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _refuse(actor, verb: str, obj, message: str) -> Refused:
    """Audit a refused attempt (outside any transaction, so the record stays) and return the
    exception to raise."""
    audit.record(
        f"officedocs.{verb}", actor=actor, obj=obj, outcome="refused", details={"reason": message}
    )
    return Refused(message)


def _mail(recipients: list[str], subject: str, body: str) -> None:
    if recipients:
        transaction.on_commit(lambda: send_notification.enqueue(recipients, subject, body))


def _link(document: OfficialDocument) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/officedocs/{document.pk}/"


def _step(document, kind: str, actor, moment: datetime, note: str = "", delivery=None) -> None:
    DocumentStep.objects.create(
        document=document, delivery=delivery, kind=kind, actor=actor, at=moment, note=note
    )


class _Late(Refused):
    """A refusal found inside the verb's transaction: audited once the transaction has been
    rolled back (by `_refusals_audited`), so that the record stays."""

    def __init__(self, actor, verb: str, obj, message: str) -> None:
        super().__init__(message)
        self.actor, self.verb, self.obj = actor, verb, obj


@contextmanager
def _refusals_audited():
    try:
        yield
    except _Late as late:
        raise _refuse(late.actor, late.verb, late.obj, str(late)) from None


def _state_refusal(actor, verb: str, obj, state_label, what: str) -> Refused:
    return _Late(
        actor,
        verb,
        obj,
        _("这份公文当前为“%(state)s”，不能%(what)s。") % {"state": state_label, "what": what},
    )


def _fresh(obj):
    """The row as it is now: the caller's copy may be older than another verb's change."""
    return type(obj).objects.get(pk=obj.pk)


# Attachments ---------------------------------------------------------------------------------


def check_attachment(upload) -> None:
    """Refuse a file whose name or content is not an accepted type, or that is too large."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    limit = settings.OFFICEDOCS_ATTACHMENT_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("附件“%(name)s”超过 %(size)s MB。")
            % {"name": name, "size": settings.OFFICEDOCS_ATTACHMENT_MAX_MB}
        )
    if extension not in EXTENSIONS or sniff(upload) != EXTENSIONS[extension]:
        raise ValidationError(
            _(
                "附件“%(name)s”的格式不被接受：只接受内容与扩展名相符的 PDF、Word（.docx）、Excel（.xlsx）、PNG、JPG 文件。"
            )
            % {"name": name}
        )


def _safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')
    return cleaned[-200:] or "附件"


# Draft ---------------------------------------------------------------------------------------


def _checked_fields(
    actor, verb, obj, prefix, title, body, urgency, secrecy, handle_days, files, existing=0
) -> tuple[str, str, str]:
    """The draft's fields checked (the same for a new draft and a revised one)."""
    if secrecy != OfficialDocument.Secrecy.NONE:
        raise _refuse(
            actor,
            verb,
            obj,
            _("涉密公文严禁在本平台处理：密级只能为“无”，涉密公文请按保密规定通过机要渠道传递。"),
        )
    prefix, title, body = prefix.strip(), title.strip(), body.strip()
    if not PREFIX.match(prefix):
        raise Refused(_("发文机关代字应为 2 至 12 个汉字，例如：示政办发。"))
    if not title or not body:
        raise Refused(_("请填写标题和正文。"))
    if urgency not in OfficialDocument.Urgency.values:
        raise Refused(_("请选择紧急程度。"))
    if handle_days is not None and not 1 <= handle_days <= 60:
        raise Refused(_("办理时限应为 1 至 60 个工作日。"))
    if existing + len(files) > MAX_ATTACHMENTS:
        raise Refused(_("附件最多 %(count)s 个。") % {"count": MAX_ATTACHMENTS})
    for upload in files:
        try:
            check_attachment(upload)
        except ValidationError as error:
            raise Refused(error.messages[0]) from None
    return prefix, title, body


def draft_document(
    actor,
    unit: Unit,
    *,
    prefix: str,
    title: str,
    body: str,
    main_recipients: str = "",
    signer: str = "",
    copied_to: str = "",
    urgency: str = OfficialDocument.Urgency.NORMAL,
    secrecy: str = OfficialDocument.Secrecy.NONE,
    handle_days: int | None = None,
    files: Sequence = (),
    at: datetime | None = None,
) -> OfficialDocument:
    """拟稿: a draft of `unit`, by one of its handling staff."""
    if is_administrator(actor) or not holds_role(actor, unit):
        raise _refuse(actor, "draft", unit, _("您不是该单位的工作人员，不能以该单位名义拟稿。"))
    prefix, title, body = _checked_fields(
        actor, "draft", unit, prefix, title, body, urgency, secrecy, handle_days, files
    )
    with transaction.atomic():
        document = OfficialDocument.objects.create(
            sender=unit,
            prefix=prefix,
            title=title,
            body=body,
            main_recipients=main_recipients.strip(),
            signer=signer.strip(),
            copied_to=copied_to.strip(),
            urgency=urgency,
            secrecy=secrecy,
            handle_days=handle_days,
            drafted_by=actor,
            drafted_at=_now(at),
        )
        for upload in files:
            DocumentAttachment.objects.create(
                document=document, file=upload, name=_safe_name(upload.name), size=upload.size
            )
        _step(document, DocumentStep.Kind.DRAFT, actor, document.drafted_at)
        audit.record(
            "officedocs.draft",
            actor=actor,
            obj=document,
            details={"unit": unit.code, "attachments": len(files)},
        )
    return document


def revise_draft(
    actor,
    document: OfficialDocument,
    *,
    prefix: str,
    title: str,
    body: str,
    main_recipients: str = "",
    signer: str = "",
    copied_to: str = "",
    urgency: str = OfficialDocument.Urgency.NORMAL,
    secrecy: str = OfficialDocument.Secrecy.NONE,
    handle_days: int | None = None,
    files: Sequence = (),
    at: datetime | None = None,
) -> OfficialDocument:
    """修改草稿: the drafter changes a draft (e.g. after 核稿退回); new files are added."""
    document = _fresh(document)
    if document.drafted_by_id != actor.pk or not holds_role(actor, document.sender):
        raise _refuse(actor, "revise", document, _("只有拟稿人可以修改草稿。"))
    if document.state != OfficialDocument.State.DRAFT:
        late = _state_refusal(actor, "revise", document, document.get_state_display(), _("修改"))
        raise _refuse(actor, "revise", document, str(late))
    prefix, title, body = _checked_fields(
        actor,
        "revise",
        document,
        prefix,
        title,
        body,
        urgency,
        secrecy,
        handle_days,
        files,
        existing=document.attachments.count(),
    )
    with _refusals_audited(), transaction.atomic():
        document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
        if document.state != OfficialDocument.State.DRAFT:
            raise _state_refusal(actor, "revise", document, document.get_state_display(), _("修改"))
        document.prefix, document.title, document.body = prefix, title, body
        document.main_recipients = main_recipients.strip()
        document.signer, document.copied_to = signer.strip(), copied_to.strip()
        document.urgency, document.secrecy = urgency, secrecy
        document.handle_days = handle_days
        document.save()
        for upload in files:
            DocumentAttachment.objects.create(
                document=document, file=upload, name=_safe_name(upload.name), size=upload.size
            )
        _step(document, DocumentStep.Kind.REVISE, actor, _now(at))
        audit.record("officedocs.revise", actor=actor, obj=document)
    return document


# 核稿 and 签发 inside the sending unit ------------------------------------------------------


def submit_for_check(actor, document: OfficialDocument, *, at: datetime | None = None):
    """送核稿: the drafter sends the draft to the unit's checkers."""
    document = _fresh(document)
    if document.drafted_by_id != actor.pk or not holds_role(actor, document.sender):
        raise _refuse(actor, "submit", document, _("只有拟稿人可以把草稿送核稿。"))
    moment = _now(at)
    with _refusals_audited(), transaction.atomic():
        document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
        if document.state != OfficialDocument.State.DRAFT:
            raise _state_refusal(
                actor, "submit", document, document.get_state_display(), _("送核稿")
            )
        document.state = OfficialDocument.State.CHECKING
        document.save(update_fields=["state"])
        _step(document, DocumentStep.Kind.SUBMIT, actor, moment)
        audit.record("officedocs.submit", actor=actor, obj=document)
    return document


def check(actor, document: OfficialDocument, *, opinion: str = "", at: datetime | None = None):
    """核稿通过: a checker of the sending unit (not the drafter) passes the draft to the signer."""
    document = _fresh(document)
    if document.drafted_by_id == actor.pk:
        raise _refuse(
            actor,
            "check",
            document,
            _("您是这份公文的拟稿人，不能核稿：拟稿、核稿须由不同的人办理。"),
        )
    if not access.may_check(actor, document):
        raise _refuse(
            actor, "check", document, _("只有发文单位的核稿人（审核人或单位管理员）可以核稿。")
        )
    moment = _now(at)
    with _refusals_audited(), transaction.atomic():
        document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
        if document.state != OfficialDocument.State.CHECKING:
            raise _state_refusal(actor, "check", document, document.get_state_display(), _("核稿"))
        document.state = OfficialDocument.State.SIGNING
        document.checked_by, document.checked_at = actor, moment
        document.save(update_fields=["state", "checked_by", "checked_at"])
        _step(document, DocumentStep.Kind.CHECK_PASS, actor, moment, opinion.strip())
        audit.record("officedocs.check", actor=actor, obj=document)
    return document


def return_draft(actor, document: OfficialDocument, *, reason: str, at: datetime | None = None):
    """核稿退回 / 签发退回: the checker (or the signer) sends the draft back to the drafter
    with a reason; it is a draft again and has to be checked again."""
    document = _fresh(document)
    if not access.is_sender(actor, document):
        raise _refuse(actor, "return_draft", document, _("只有发文单位的工作人员可以退回草稿。"))
    checking = document.state == OfficialDocument.State.CHECKING
    allowed = access.may_check if checking else access.may_sign_off
    if document.state in {OfficialDocument.State.CHECKING, OfficialDocument.State.SIGNING} and (
        not allowed(actor, document)
    ):
        raise _refuse(
            actor,
            "return_draft",
            document,
            _("只有轮到核稿或签发的人可以退回草稿，拟稿人本人不能退回。"),
        )
    reason = reason.strip()
    if not reason:
        raise _refuse(actor, "return_draft", document, _("请填写退回理由。"))
    moment = _now(at)
    with _refusals_audited(), transaction.atomic():
        document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
        if document.state not in {OfficialDocument.State.CHECKING, OfficialDocument.State.SIGNING}:
            raise _state_refusal(
                actor, "return_draft", document, document.get_state_display(), _("退回")
            )
        kind = (
            DocumentStep.Kind.CHECK_RETURN
            if document.state == OfficialDocument.State.CHECKING
            else DocumentStep.Kind.SIGN_RETURN
        )
        document.state = OfficialDocument.State.DRAFT
        document.checked_by, document.checked_at = None, None
        document.save(update_fields=["state", "checked_by", "checked_at"])
        _step(document, kind, actor, moment, reason)
        audit.record(
            "officedocs.return_draft", actor=actor, obj=document, details={"reason": reason}
        )
        if document.drafted_by is not None and document.drafted_by.email:
            _mail(
                [document.drafted_by.email],
                _("【草稿退回】%(title)s") % {"title": document.title},
                _("您拟稿的《%(title)s》被退回，理由：%(reason)s\n详见 %(link)s")
                % {"title": document.title, "reason": reason, "link": _link(document)},
            )
    return document


def send_document(
    actor, document: OfficialDocument, *, units: Iterable[Unit], at: datetime | None = None
) -> OfficialDocument:
    """签发并分发: a signer of the sending unit (OFFICEDOCS_SIGNER_ROLES; neither the drafter nor
    the checker) signs the checked draft off; it takes the next 发文字号 of its unit, code and
    year (gap-free) and goes to each unit."""
    document = _fresh(document)
    if actor.pk in {document.drafted_by_id, document.checked_by_id}:
        raise _refuse(
            actor,
            "send",
            document,
            _("您已拟稿或核稿这份公文，不能再签发：拟稿、核稿、签发须由不同的人办理。"),
        )
    if not access.may_sign_off(actor, document):
        raise _refuse(
            actor, "send", document, _("只有发文单位的签发人（单位管理员）可以签发公文。")
        )
    if document.state == OfficialDocument.State.SENT:
        raise _refuse(actor, "send", document, _("该公文已经发出，不能重复发出。"))
    if document.state != OfficialDocument.State.SIGNING:
        late = _state_refusal(actor, "send", document, document.get_state_display(), _("签发"))
        raise _refuse(actor, "send", document, str(late))
    recipients = sorted({unit.pk: unit for unit in units}.values(), key=lambda u: u.pk)
    if not recipients:
        raise Refused(_("请至少选择一个收文单位。"))
    if any(unit.pk == document.sender_id for unit in recipients):
        raise Refused(_("收文单位不能包括发文单位本身。"))
    moment = _now(at)
    day = timezone.localdate(moment)
    try:
        sign_for = calendar.due(day, settings.OFFICEDOCS_SIGN_FOR_DAYS)
        handle = calendar.due(day, document.handle_days) if document.handle_days else None
    except calendar.CalendarNotCovered as error:
        raise Refused(str(error)) from None
    with _refusals_audited(), transaction.atomic():
        document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
        if document.state != OfficialDocument.State.SIGNING:
            raise Refused(_("该公文已经发出，不能重复发出。"))
        serial = next_number(f"officedocs:{document.sender_id}:{document.prefix}", day.year)
        document.year, document.serial = day.year, serial
        document.number = f"{document.prefix}〔{day.year}〕{serial}号"
        document.state = OfficialDocument.State.SENT
        document.sent_by, document.sent_at = actor, moment
        document.sign_for_due_on = sign_for.value
        document.handle_due_on = handle.value if handle else None
        document.due_provisional = sign_for.provisional or bool(handle and handle.provisional)
        document.save()
        Delivery.objects.bulk_create(Delivery(document=document, unit=unit) for unit in recipients)
        _step(
            document,
            DocumentStep.Kind.SIGN_OFF,
            actor,
            moment,
            "、".join(unit.name for unit in recipients),
        )
        audit.record(
            "officedocs.send",
            actor=actor,
            obj=document,
            details={"number": document.number, "units": [unit.code for unit in recipients]},
        )
        for unit in recipients:
            _mail(
                unit_recipients(unit),
                _("【待签收公文】%(number)s %(title)s") % _words(document),
                _(
                    "%(unit)s：\n%(sender)s发来公文《%(title)s》（%(number)s），请于 %(due)s 前签收。\n请登录 %(link)s 签收。"
                )
                % {**_words(document), "unit": unit.name},
            )
    return document


def _words(document: OfficialDocument) -> dict[str, str]:
    due = document.sign_for_due_on.isoformat() if document.sign_for_due_on else ""
    if document.due_provisional:
        due += str(calendar.PROVISIONAL_NOTE)
    return {
        "number": document.number,
        "title": document.title,
        "sender": document.sender.name,
        "due": due,
        "link": _link(document),
    }


# The recipient's verbs -----------------------------------------------------------------------


def _locked_delivery(actor, delivery: Delivery, verb: str) -> Delivery:
    if not access.may_handle(actor, delivery):
        raise _refuse(actor, verb, delivery, _("只有收文单位的工作人员可以处理这份公文。"))
    return (
        Delivery.objects.select_for_update().select_related("document", "unit").get(pk=delivery.pk)
    )


def mark_read(actor, delivery: Delivery, *, at: datetime | None = None) -> Delivery:
    """The first time someone of the recipient unit opens the document (已阅)."""
    if delivery.first_read_at is not None or not access.may_handle(actor, delivery):
        return delivery
    with transaction.atomic():
        delivery = _locked_delivery(actor, delivery, "read")
        if delivery.first_read_at is None:
            delivery.first_read_at, delivery.first_read_by = _now(at), actor
            delivery.save(update_fields=["first_read_at", "first_read_by"])
            audit.record("officedocs.read", actor=actor, obj=delivery)
    return delivery


def sign_for(actor, delivery: Delivery, *, at: datetime | None = None) -> Delivery:
    """签收: registers the document in the unit's 收文登记 with the unit's own number."""
    if not access.may_handle(actor, delivery):
        raise _refuse(actor, "sign_for", delivery, _("只有收文单位的工作人员可以签收这份公文。"))
    moment = _now(at)
    with transaction.atomic():
        delivery = _locked_delivery(actor, delivery, "sign_for")
        if delivery.state != Delivery.State.PENDING:
            raise Refused(
                _("这份公文当前为“%(state)s”，不能签收。") % {"state": delivery.get_state_display()}
            )
        year = timezone.localdate(moment).year
        serial = next_number(f"officedocs-in:{delivery.unit_id}", year)
        delivery.register_number = f"{delivery.unit.short_name}收〔{year}〕{serial}号"
        delivery.state = Delivery.State.SIGNED
        delivery.signed_at, delivery.signed_by = moment, actor
        if delivery.first_read_at is None:
            delivery.first_read_at, delivery.first_read_by = moment, actor
        delivery.save()
        _step(
            delivery.document,
            DocumentStep.Kind.SIGN_FOR,
            actor,
            moment,
            delivery.register_number,
            delivery,
        )
        audit.record(
            "officedocs.sign_for",
            actor=actor,
            obj=delivery,
            details={"register_number": delivery.register_number},
        )
    return delivery


def return_document(
    actor, delivery: Delivery, *, reason: str, at: datetime | None = None
) -> Delivery:
    """退文: the recipient refuses the document with a reason; the sender is told."""
    if not access.may_handle(actor, delivery):
        raise _refuse(actor, "return", delivery, _("只有收文单位的工作人员可以退回这份公文。"))
    reason = reason.strip()
    if not reason:
        raise Refused(_("请填写退回理由。"))
    with transaction.atomic():
        delivery = _locked_delivery(actor, delivery, "return")
        if delivery.state != Delivery.State.PENDING:
            raise Refused(
                _("这份公文当前为“%(state)s”，不能退回：只有未签收的公文可以退回。")
                % {"state": delivery.get_state_display()}
            )
        delivery.state = Delivery.State.RETURNED
        delivery.returned_at, delivery.returned_by = _now(at), actor
        delivery.return_reason = reason
        delivery.save()
        _step(
            delivery.document,
            DocumentStep.Kind.RETURN,
            actor,
            delivery.returned_at,
            reason,
            delivery,
        )
        audit.record("officedocs.return", actor=actor, obj=delivery, details={"reason": reason})
        document = delivery.document
        _mail(
            unit_recipients(document.sender),
            _("【退文】%(unit)s退回了%(number)s")
            % {**_words(document), "unit": delivery.unit.name},
            _("%(unit)s退回了公文《%(title)s》（%(number)s），理由：%(reason)s\n详见 %(link)s")
            % {**_words(document), "unit": delivery.unit.name, "reason": reason},
        )
    return delivery


def propose(actor, delivery: Delivery, *, proposal: str, at: datetime | None = None) -> Delivery:
    """拟办: the unit's clerk writes a suggestion how to handle a signed document; it goes to
    the unit's leaders (OFFICEDOCS_LEADER_ROLES) for 批办."""
    delivery = _fresh(delivery)
    if not access.may_handle(actor, delivery):
        raise _refuse(actor, "propose", delivery, _("只有收文单位的工作人员可以拟办这份公文。"))
    proposal = proposal.strip()
    if not proposal:
        raise _refuse(actor, "propose", delivery, _("请填写拟办意见。"))
    moment = _now(at)
    with _refusals_audited(), transaction.atomic():
        delivery = _locked_delivery(actor, delivery, "propose")
        if delivery.state != Delivery.State.SIGNED:
            raise _state_refusal(
                actor, "propose", delivery, delivery.get_state_display(), _("拟办")
            )
        delivery.state = Delivery.State.PROPOSED
        delivery.proposal, delivery.proposed_at, delivery.proposed_by = proposal, moment, actor
        delivery.save()
        _step(delivery.document, DocumentStep.Kind.PROPOSE, actor, moment, proposal, delivery)
        audit.record("officedocs.propose", actor=actor, obj=delivery)
    return delivery


def instruct(
    actor, delivery: Delivery, *, instruction: str, assignee, at: datetime | None = None
) -> Delivery:
    """批办: a leader of the receiving unit writes the instruction and names the 承办人, a
    handling staff member of the unit, who is mailed."""
    delivery = _fresh(delivery)
    if not access.may_handle(actor, delivery) or not access.is_leader(actor, delivery.unit):
        raise _refuse(
            actor, "instruct", delivery, _("只有收文单位的领导（单位管理员）可以批办这份公文。")
        )
    instruction = instruction.strip()
    if not instruction:
        raise _refuse(actor, "instruct", delivery, _("请填写批办意见。"))
    if assignee is None or not access.unit_staff(delivery.unit).filter(pk=assignee.pk).exists():
        raise _refuse(actor, "instruct", delivery, _("承办人应为本单位的工作人员。"))
    moment = _now(at)
    with _refusals_audited(), transaction.atomic():
        delivery = _locked_delivery(actor, delivery, "instruct")
        if delivery.state != Delivery.State.PROPOSED:
            raise _state_refusal(
                actor, "instruct", delivery, delivery.get_state_display(), _("批办：请先拟办")
            )
        delivery.state = Delivery.State.INSTRUCTED
        delivery.instruction, delivery.instructed_at = instruction, moment
        delivery.instructed_by, delivery.assignee = actor, assignee
        delivery.save()
        name = assignee.get_full_name() or assignee.get_username()
        _step(
            delivery.document,
            DocumentStep.Kind.INSTRUCT,
            actor,
            moment,
            _("%(instruction)s（承办人：%(name)s）") % {"instruction": instruction, "name": name},
            delivery,
        )
        audit.record(
            "officedocs.instruct",
            actor=actor,
            obj=delivery,
            details={"assignee": assignee.get_username()},
        )
        document = delivery.document
        if assignee.email:
            _mail(
                [assignee.email],
                _("【承办公文】%(number)s %(title)s") % _words(document),
                _("请承办公文《%(title)s》（%(number)s）。批办意见：%(instruction)s\n详见 %(link)s")
                % {**_words(document), "instruction": instruction},
            )
    return delivery


def finish(actor, delivery: Delivery, *, reply: str, at: datetime | None = None) -> Delivery:
    """办结: the 承办人 records how the unit handled the document."""
    delivery = _fresh(delivery)
    if not access.may_handle(actor, delivery):
        raise _refuse(actor, "finish", delivery, _("只有收文单位的工作人员可以办理这份公文。"))
    if delivery.state == Delivery.State.INSTRUCTED and delivery.assignee_id != actor.pk:
        raise _refuse(actor, "finish", delivery, _("只有批办时指定的承办人可以办结这份公文。"))
    reply = reply.strip()
    if not reply:
        raise _refuse(actor, "finish", delivery, _("请填写办理情况。"))
    moment = _now(at)
    with _refusals_audited(), transaction.atomic():
        delivery = _locked_delivery(actor, delivery, "finish")
        if delivery.state != Delivery.State.INSTRUCTED:
            raise _state_refusal(
                actor,
                "finish",
                delivery,
                delivery.get_state_display(),
                _("办结：须经签收、拟办、批办后由承办人办结"),
            )
        delivery.state = Delivery.State.DONE
        delivery.done_at, delivery.done_by = moment, actor
        delivery.reply = reply
        delivery.save()
        _step(delivery.document, DocumentStep.Kind.FINISH, actor, moment, reply, delivery)
        audit.record("officedocs.finish", actor=actor, obj=delivery)
    return delivery


# The sender's reminder -----------------------------------------------------------------------


def unit_mobiles(unit: Unit) -> list[str]:
    """The mobile numbers of a unit's active handling staff (from their staff profile)."""
    from opencounty.accounts.models import StaffProfile

    profiles = StaffProfile.objects.filter(user__in=access.unit_staff(unit))
    return sorted({p.mobile.strip() for p in profiles if p.mobile and p.mobile.strip()})


def _reminded_today(delivery: Delivery, moment: datetime) -> bool:
    last = delivery.last_reminded_at
    return last is not None and timezone.localdate(last) == timezone.localdate(moment)


def _send_reminders(actor, document: OfficialDocument, waiting: list[Delivery], moment) -> None:
    """Count, record, mail and text one reminder to each delivery (inside the transaction)."""
    for delivery in waiting:
        delivery.reminders += 1
        delivery.last_reminded_at = moment
        delivery.save(update_fields=["reminders", "last_reminded_at"])
        _step(document, DocumentStep.Kind.REMIND, actor, moment, "", delivery)
        words = {**_words(document), "unit": delivery.unit.name}
        _mail(
            unit_recipients(delivery.unit),
            _("【催办】请签收公文 %(number)s") % words,
            _(
                "%(unit)s：\n%(sender)s发来的公文《%(title)s》（%(number)s）贵单位尚未签收，签收期限 %(due)s。\n请登录 %(link)s 签收。"
            )
            % words,
        )
        for phone in unit_mobiles(delivery.unit):
            send_sms(
                phone,
                _(
                    "【公文催办】%(sender)s公文《%(title)s》（%(number)s）%(unit)s尚未签收，签收期限 %(due)s，请登录办公平台签收。"
                )
                % words,
            )


def remind(actor, document: OfficialDocument, *, at: datetime | None = None) -> list[Delivery]:
    """催办: mail and text every unit that has not signed for the document yet and has not
    been reminded today (at most one reminder a day). Returns those reminded."""
    if not access.is_sender(actor, document):
        raise _refuse(actor, "remind", document, _("只有发文单位的工作人员可以催办。"))
    moment = _now(at)
    with _refusals_audited(), transaction.atomic():
        document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
        if document.state != OfficialDocument.State.SENT:
            raise Refused(_("公文尚未发出，无需催办。"))
        pending = list(
            document.deliveries.select_for_update()
            .filter(state=Delivery.State.PENDING)
            .select_related("unit")
        )
        if not pending:
            raise Refused(_("所有收文单位均已签收或退回，无需催办。"))
        waiting = [d for d in pending if not _reminded_today(d, moment)]
        if not waiting:
            raise _Late(
                actor,
                "remind",
                document,
                _("今天已向全部未签收单位催办过：每个单位每天最多催办一次。"),
            )
        _send_reminders(actor, document, waiting, moment)
        audit.record(
            "officedocs.remind",
            actor=actor,
            obj=document,
            details={"units": [delivery.unit.code for delivery in waiting]},
        )
    return waiting


def remind_overdue(*, at: datetime | None = None) -> list[Delivery]:
    """The daily reminder (management command `send_sign_for_reminders`): every unit that has
    not signed for a document past its sign-for day, and has not been reminded today, is
    mailed and texted. Safe to run every hour: one reminder a day at most."""
    moment = _now(at)
    today = timezone.localdate(moment)
    reminded: list[Delivery] = []
    documents = OfficialDocument.objects.filter(
        state=OfficialDocument.State.SENT,
        sign_for_due_on__lt=today,
        deliveries__state=Delivery.State.PENDING,
    ).distinct()
    for document_id in list(documents.values_list("pk", flat=True)):
        with transaction.atomic():
            document = OfficialDocument.objects.select_for_update().get(pk=document_id)
            pending = document.deliveries.select_for_update().filter(state=Delivery.State.PENDING)
            waiting = [d for d in pending.select_related("unit") if not _reminded_today(d, moment)]
            if not waiting:
                continue
            _send_reminders(None, document, waiting, moment)
            audit.record(
                "officedocs.remind_overdue",
                obj=document,
                details={"units": [delivery.unit.code for delivery in waiting]},
            )
            reminded.extend(waiting)
    return reminded
