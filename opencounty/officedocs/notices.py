"""Staff notices (内部通知): who sees them, and the verbs (send, read).

A unit's 审核人 or 单位管理员 (the county office's 电子政务办审核人 for the office) sends a notice
in the unit's name to the staff of chosen units. Every handling staff member of a recipient unit
sees it in 内部通知 and in 我的待办 until they open it; opening it records their read receipt
(回执). The sending unit's staff see, per recipient unit, who has read it and who has not.
Nobody else sees it: not the county office supervising cases, not the three administrators, not
a superuser. Never public.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.core import audit
from opencounty.core.access import ADMINISTRATOR_ROLES, HANDLING_ROLES, holds_role, is_administrator
from opencounty.core.models import Unit, UnitGroup
from opencounty.officedocs import access
from opencounty.officedocs.actions import MAX_ATTACHMENTS, Refused, _safe_name, check_attachment
from opencounty.officedocs.staff_models import (
    NoticeAttachment,
    NoticeReceipt,
    NoticeRecipient,
    StaffNotice,
)

__all__ = ["Refused", "send_notice", "mark_read", "visible_notices", "unread_for", "receipts"]


# Who sees what -------------------------------------------------------------------------------


def may_send_for(user, unit: Unit) -> bool:
    return not is_administrator(user) and holds_role(user, unit, access.SIGN_OFF_ROLES)


def visible_notices(user) -> QuerySet[StaffNotice]:
    units = access.my_unit_ids(user)
    if not units:
        return StaffNotice.objects.none()
    return StaffNotice.objects.filter(
        Q(sender_id__in=units) | Q(recipients__unit_id__in=units)
    ).distinct()


def received_notices(user) -> QuerySet[StaffNotice]:
    """Notices sent to one of the user's units, with `is_read` for this user."""
    units = access.my_unit_ids(user)
    if not units:
        return StaffNotice.objects.none()
    read = NoticeReceipt.objects.filter(notice=OuterRef("pk"), user=user)
    return (
        StaffNotice.objects.filter(
            Exists(NoticeRecipient.objects.filter(notice=OuterRef("pk"), unit_id__in=units))
        )
        .annotate(is_read=Exists(read))
        .select_related("sender")
    )


def unread_for(user) -> QuerySet[StaffNotice]:
    """Notices of the user's units they have not opened (none for a person of no unit)."""
    if not access.my_unit_ids(user):
        return StaffNotice.objects.none()
    return received_notices(user).filter(is_read=False)


def is_sender(user, notice: StaffNotice) -> bool:
    return notice.sender_id in access.my_unit_ids(user)


def is_recipient(user, notice: StaffNotice) -> bool:
    units = access.my_unit_ids(user)
    return bool(units) and notice.recipients.filter(unit_id__in=units).exists()


def may_see(user, notice: StaffNotice) -> bool:
    return is_sender(user, notice) or is_recipient(user, notice)


# Read receipts -------------------------------------------------------------------------------


@dataclass
class UnitReceipts:
    unit: Unit
    read: list[tuple[object, datetime]]  # (user, read at)
    unread: list[object]


def receipts(notice: StaffNotice) -> list[UnitReceipts]:
    """Per recipient unit, its handling staff who have read the notice and who have not (in
    three queries, whatever the number of units)."""
    units = [
        r.unit
        for r in notice.recipients.select_related("unit").order_by(
            "unit__kind", "unit__order", "unit__code"
        )
    ]
    administrators = UnitGroup.objects.filter(role__in=ADMINISTRATOR_ROLES).values("group__user")
    links = (
        UnitGroup.objects.filter(unit__in=units, role__in=HANDLING_ROLES)
        .exclude(group__user__in=administrators)
        .values_list("unit_id", "group__user")
        .distinct()
    )
    staff: dict[int, set[int]] = {}
    for unit_id, user_id in links:
        if user_id is not None:
            staff.setdefault(unit_id, set()).add(user_id)
    users = get_user_model().objects.in_bulk({uid for ids in staff.values() for uid in ids})
    read_at = dict(notice.receipts.values_list("user_id", "read_at"))
    rows = []
    for unit in units:
        people = sorted((users[uid] for uid in staff.get(unit.pk, ())), key=lambda u: u.username)
        rows.append(
            UnitReceipts(
                unit=unit,
                read=[(u, read_at[u.pk]) for u in people if u.pk in read_at],
                unread=[u for u in people if u.pk not in read_at],
            )
        )
    return rows


# Verbs ---------------------------------------------------------------------------------------


def send_notice(
    actor,
    unit: Unit,
    *,
    title: str,
    body: str,
    units: Iterable[Unit],
    files: Sequence = (),
    at: datetime | None = None,
) -> StaffNotice:
    """发布: the notice goes at once to every handling staff member of `units`."""
    if not may_send_for(actor, unit):
        message = _("只有本单位的审核人或单位管理员可以以单位名义发布内部通知。")
        audit.record(
            "officedocs.notice_send",
            actor=actor,
            obj=unit,
            outcome="refused",
            details={"reason": message},
        )
        raise Refused(message)
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise Refused(_("请填写标题和正文。"))
    if len(title) > 120:
        raise Refused(_("标题不能超过 120 个字。"))
    recipients = sorted({u.pk: u for u in units}.values(), key=lambda u: u.pk)
    if not recipients:
        raise Refused(_("请至少选择一个接收单位。"))
    if len(files) > MAX_ATTACHMENTS:
        raise Refused(_("附件最多 %(count)s 个。") % {"count": MAX_ATTACHMENTS})
    for upload in files:
        try:
            check_attachment(upload)
        except ValidationError as error:
            raise Refused(error.messages[0]) from None
    with transaction.atomic():
        notice = StaffNotice.objects.create(
            sender=unit, title=title, body=body, written_by=actor, sent_at=at or timezone.now()
        )
        NoticeRecipient.objects.bulk_create(
            NoticeRecipient(notice=notice, unit=recipient) for recipient in recipients
        )
        for upload in files:
            NoticeAttachment.objects.create(
                notice=notice, file=upload, name=_safe_name(upload.name), size=upload.size
            )
        audit.record(
            "officedocs.notice_send",
            actor=actor,
            obj=notice,
            details={
                "unit": unit.code,
                "units": [u.code for u in recipients],
                "attachments": len(files),
            },
        )
    return notice


def mark_read(actor, notice: StaffNotice, *, at: datetime | None = None) -> NoticeReceipt | None:
    """回执: the first time a recipient staff member opens the notice. None for the sender's
    staff who are not recipients."""
    if not is_recipient(actor, notice):
        return None
    found = NoticeReceipt.objects.filter(notice=notice, user=actor).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            receipt = NoticeReceipt.objects.create(
                notice=notice, user=actor, read_at=at or timezone.now()
            )
            audit.record("officedocs.notice_read", actor=actor, obj=notice)
    except IntegrityError:  # the same person opened it twice at once
        return NoticeReceipt.objects.get(notice=notice, user=actor)
    return receipt
