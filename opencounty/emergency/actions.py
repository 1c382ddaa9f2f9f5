"""Every change in emergency duty (rule 1): permission, one transaction, the audit log.

Incident reports are cases on the engine; their verbs are in `incidents.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.core import audit
from opencounty.core.models import Unit
from opencounty.emergency import access, banner
from opencounty.emergency.models import (
    DutyShift,
    EmergencyContact,
    EmergencyPlan,
    HandoverNote,
    PlanVersion,
    PublicWarning,
    WarningMessage,
)
from opencounty.portal.cache import invalidate_pages
from opencounty.services.sms import send_sms

SMS_MAX_CHARS = 500


def _office_only(actor) -> None:
    if not access.is_office(actor):
        raise PermissionDenied(_("只有县应急值守部门（电子政务办）可以发布或解除预警。"))


def _keeper(actor, unit: Unit) -> None:
    if not access.may_keep(actor, unit):
        raise PermissionDenied(_("您无权管理其他单位的值守信息。"))


def _public_changed() -> None:
    """The banner on every public page changes: retire cached pages once the change commits."""

    def changed() -> None:
        banner.forget()
        invalidate_pages()

    transaction.on_commit(changed)


def warning_sms_text(warning: PublicWarning) -> str:
    until = timezone.localtime(warning.valid_until)
    text = _("【预警信息】%(headline)s：%(text)s（有效期至%(until)s）") % {
        "headline": warning.headline,
        "text": warning.text,
        "until": until.strftime("%Y-%m-%d %H:%M"),
    }
    return text[:SMS_MAX_CHARS]


@transaction.atomic
def publish_warning(
    actor,
    *,
    kind: str,
    level: str,
    area: str,
    text: str,
    valid_until: datetime,
    sms_units: Iterable[Unit] = (),
    sms_groups: Iterable[str] = (),
    now: datetime | None = None,
) -> PublicWarning:
    """Publish a warning: the banner shows on every public page from now until it expires or
    is lifted; the chosen contact groups of the chosen units get a text message each."""
    _office_only(actor)
    now = now or timezone.now()
    if valid_until <= now:
        raise ValidationError(_("有效期必须晚于当前时间。"))
    if not area.strip() or not text.strip():
        raise ValidationError(_("请填写影响区域和预警内容。"))
    warning = PublicWarning.objects.create(
        kind=kind,
        level=level,
        area=area.strip(),
        text=text.strip(),
        valid_until=valid_until,
        published_at=now,
        published_by=actor,
    )
    sent = send_warning_sms(warning, actor, units=sms_units, groups=sms_groups)
    audit.record(
        "emergency.publish_warning",
        actor=actor,
        obj=warning,
        details={"level": level, "kind": kind, "sms": sent},
    )
    _public_changed()
    return warning


def send_warning_sms(
    warning: PublicWarning, actor, *, units: Iterable[Unit], groups: Iterable[str]
) -> int:
    """One stored message per chosen contact (each phone once); returns how many."""
    _office_only(actor)
    units, groups = list(units), list(groups)
    if not units or not groups:
        return 0
    contacts = EmergencyContact.objects.filter(unit__in=units, group__in=groups).select_related(
        "unit"
    )
    text = warning_sms_text(warning)
    seen: set[str] = set()
    count = 0
    for contact in contacts:
        phone = (contact.mobile or "").strip()
        if not phone or phone in seen:
            continue
        seen.add(phone)
        WarningMessage.objects.create(
            warning=warning,
            contact=contact,
            name=contact.name,
            unit_name=contact.unit.short_name,
            sms=send_sms(phone, text),
        )
        count += 1
    return count


@transaction.atomic
def lift_warning(warning: PublicWarning, actor, *, now: datetime | None = None) -> PublicWarning:
    """Lift (解除) a warning: its banner goes from every public page."""
    _office_only(actor)
    warning = PublicWarning.objects.select_for_update().get(pk=warning.pk)
    if warning.lifted_at is not None:
        raise ValidationError(_("该预警已解除。"))
    warning.lifted_at = now or timezone.now()
    warning.lifted_by = actor
    warning.save(update_fields=["lifted_at", "lifted_by"])
    audit.record("emergency.lift_warning", actor=actor, obj=warning)
    _public_changed()
    return warning


# Rosters ------------------------------------------------------------------------------------


@transaction.atomic
def save_shift(
    actor,
    *,
    unit: Unit,
    day: date,
    leader_name: str = "",
    leader_phone: str = "",
    staff_name: str = "",
    staff_phone: str = "",
) -> DutyShift | None:
    """Set a unit's duty for a day; all fields empty removes it (the day becomes a gap)."""
    _keeper(actor, unit)
    values = {
        "leader_name": leader_name.strip(),
        "leader_phone": leader_phone.strip(),
        "staff_name": staff_name.strip(),
        "staff_phone": staff_phone.strip(),
    }
    if not any(values.values()):
        deleted, _rows = DutyShift.objects.filter(unit=unit, day=day).delete()
        if deleted:
            audit.record(
                "emergency.clear_shift",
                actor=actor,
                obj=unit,
                details={"day": day.isoformat()},
            )
        return None
    shift, _created = DutyShift.objects.update_or_create(unit=unit, day=day, defaults=values)
    audit.record("emergency.save_shift", actor=actor, obj=shift, details={"day": day.isoformat()})
    return shift


@transaction.atomic
def add_handover_note(actor, *, unit: Unit, day: date, text: str) -> HandoverNote:
    _keeper(actor, unit)
    if not text.strip():
        raise ValidationError(_("请填写交接内容。"))
    note = HandoverNote.objects.create(
        unit=unit, day=day, text=text.strip(), author=actor, created_at=timezone.now()
    )
    audit.record("emergency.handover", actor=actor, obj=note, details={"day": day.isoformat()})
    return note


# Contacts and plans ---------------------------------------------------------------------------


@transaction.atomic
def add_contact(
    actor,
    *,
    unit: Unit,
    name: str,
    position: str,
    group: str,
    mobile: str,
    office_phone: str = "",
) -> EmergencyContact:
    _keeper(actor, unit)
    contact = EmergencyContact.objects.create(
        unit=unit,
        name=name.strip(),
        position=position.strip(),
        group=group,
        mobile=mobile.strip(),
        office_phone=office_phone.strip(),
    )
    audit.record("emergency.add_contact", actor=actor, obj=contact)
    return contact


@transaction.atomic
def remove_contact(contact: EmergencyContact, actor) -> None:
    _keeper(actor, contact.unit)
    audit.record("emergency.remove_contact", actor=actor, obj=contact)
    contact.delete()


@transaction.atomic
def add_plan_version(
    actor,
    *,
    unit: Unit,
    title: str,
    upload,
    file_name: str,
    note: str = "",
    category: str = "",
) -> PlanVersion:
    """A new plan, or a new version of the unit's plan of the same title."""
    _keeper(actor, unit)
    plan, _created = EmergencyPlan.objects.get_or_create(
        unit=unit, title=title.strip(), defaults={"category": category}
    )
    last = plan.versions.order_by("-number").first()
    version = PlanVersion(
        plan=plan,
        number=(last.number + 1) if last else 1,
        file_name=file_name,
        note=note.strip(),
        uploaded_at=timezone.now(),
        uploaded_by=actor,
    )
    version.file.save(file_name, upload, save=False)
    version.save()
    audit.record(
        "emergency.plan_version", actor=actor, obj=plan, details={"version": version.number}
    )
    return version
