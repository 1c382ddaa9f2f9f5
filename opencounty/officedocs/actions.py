"""Verbs of the document exchange, one function per verb: draft, send (签发并分发), read,
sign for (签收), return (退文), finish (办结) and remind (催办).

Each checks the actor's permission (a refusal is audited), checks the transition is legal,
writes inside one transaction with the row locked (two clerks of a unit can race), appends to
the audit log and mails the units concerned after the commit. Every verb takes the moment it
acts at (`at`, now by default): the demo and the tests run on any date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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
from opencounty.officedocs.models import Delivery, DocumentAttachment, OfficialDocument

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
    if secrecy != OfficialDocument.Secrecy.NONE:
        raise _refuse(
            actor,
            "draft",
            unit,
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
    if len(files) > MAX_ATTACHMENTS:
        raise Refused(_("附件最多 %(count)s 个。") % {"count": MAX_ATTACHMENTS})
    for upload in files:
        try:
            check_attachment(upload)
        except ValidationError as error:
            raise Refused(error.messages[0]) from None
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
        audit.record(
            "officedocs.draft",
            actor=actor,
            obj=document,
            details={"unit": unit.code, "attachments": len(files)},
        )
    return document


# Send ----------------------------------------------------------------------------------------


def send_document(
    actor, document: OfficialDocument, *, units: Iterable[Unit], at: datetime | None = None
) -> OfficialDocument:
    """签发并分发: a reviewer (or unit administrator) of the sending unit signs the draft off;
    it takes the next 发文字号 of its unit, code and year (gap-free) and goes to each unit."""
    if not access.may_sign_off(actor, document):
        raise _refuse(actor, "send", document, _("只有发文单位的审核人或单位管理员可以签发公文。"))
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
    with transaction.atomic():
        document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
        if document.state != OfficialDocument.State.DRAFT:
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


def finish(actor, delivery: Delivery, *, reply: str, at: datetime | None = None) -> Delivery:
    """办结: the recipient unit records how it handled a signed document."""
    if not access.may_handle(actor, delivery):
        raise _refuse(actor, "finish", delivery, _("只有收文单位的工作人员可以办理这份公文。"))
    reply = reply.strip()
    if not reply:
        raise Refused(_("请填写办理情况。"))
    with transaction.atomic():
        delivery = _locked_delivery(actor, delivery, "finish")
        if delivery.state != Delivery.State.SIGNED:
            raise Refused(
                _("这份公文当前为“%(state)s”，不能办结：请先签收。")
                % {"state": delivery.get_state_display()}
            )
        delivery.state = Delivery.State.DONE
        delivery.done_at, delivery.done_by = _now(at), actor
        delivery.reply = reply
        delivery.save()
        audit.record("officedocs.finish", actor=actor, obj=delivery)
    return delivery


# The sender's reminder -----------------------------------------------------------------------


def remind(actor, document: OfficialDocument, *, at: datetime | None = None) -> list[Delivery]:
    """催办: mail every unit that has not signed for the document yet. Returns those reminded."""
    if not access.is_sender(actor, document):
        raise _refuse(actor, "remind", document, _("只有发文单位的工作人员可以催办。"))
    moment = _now(at)
    with transaction.atomic():
        document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
        if document.state != OfficialDocument.State.SENT:
            raise Refused(_("公文尚未发出，无需催办。"))
        waiting = list(
            document.deliveries.select_for_update()
            .filter(state=Delivery.State.PENDING)
            .select_related("unit")
        )
        if not waiting:
            raise Refused(_("所有收文单位均已签收或退回，无需催办。"))
        for delivery in waiting:
            delivery.reminders += 1
            delivery.last_reminded_at = moment
            delivery.save(update_fields=["reminders", "last_reminded_at"])
            _mail(
                unit_recipients(delivery.unit),
                _("【催办】请签收公文 %(number)s") % _words(document),
                _(
                    "%(unit)s：\n%(sender)s发来的公文《%(title)s》（%(number)s）贵单位尚未签收，签收期限 %(due)s。\n请登录 %(link)s 签收。"
                )
                % {**_words(document), "unit": delivery.unit.name},
            )
        audit.record(
            "officedocs.remind",
            actor=actor,
            obj=document,
            details={"units": [delivery.unit.code for delivery in waiting]},
        )
    return waiting
