"""Verbs of the list of powers. Views, the demo and tests call these; nothing else saves a power,
its bases, steps or versions.

Each verb checks the actor (`access.py`), checks the change is legal, writes in one transaction
with the power's row locked, and audits (refusals too, outside the transaction). Every verb takes
the day it acts on (time is an input).
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.core import audit
from opencounty.core.models import Unit
from opencounty.portal.cache import invalidate_pages
from opencounty.powers import access
from opencounty.powers.models import Category, FlowStep, LegalBasis, Power, PowerVersion

State = Power.State
EDITABLE = (State.DRAFT, State.RETURNED, State.APPROVED)
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_.]{1,39}$")
TEXT_FIELDS = {
    # field: (label, limit, required)
    "name": ("权力名称", 200, True),
    "section": ("承办机构（科室）", 100, False),
    "responsibilities": ("责任事项", 5000, False),
    "accountability": ("追责情形", 5000, False),
    "time_limit": ("办理时限", 100, False),
    "fees": ("收费标准", 300, False),
    "fee_basis": ("收费依据", 300, False),
}
MAX_BASES = 20
MAX_STEPS = 12


class PowerRefused(ValueError):
    """The power cannot change this way (message in Chinese for the user)."""


def _refuse(verb: str, actor, obj, reason: str, exc: Exception | None = None) -> Exception:
    audit.record(
        f"powers.{verb}", actor=actor, obj=obj, outcome="failure", details={"reason": reason}
    )
    return exc or PowerRefused(reason)


def _text(value, label: str, limit: int, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise PowerRefused(_("%(name)s格式不正确。") % {"name": label})
    text = value.strip()
    if "\x00" in text:
        raise PowerRefused(_("%(name)s含有不允许的字符。") % {"name": label})
    if required and not text:
        raise PowerRefused(_("请填写%(name)s。") % {"name": label})
    if len(text) > limit:
        raise PowerRefused(_("%(name)s不能超过 %(limit)s 个字。") % {"name": label, "limit": limit})
    return text


def _checked(data: dict, bases: list[dict], steps: list[dict], power: Power | None) -> dict:
    clean = {
        field: _text(data.get(field), _(label), limit, required)
        for field, (label, limit, required) in TEXT_FIELDS.items()
    }
    code = _text(data.get("code"), _("权力编码"), 40, True)
    if not CODE_PATTERN.match(code):
        raise PowerRefused(_("权力编码只能由字母、数字和“-_.”组成，2 至 40 位。"))
    clash = Power.objects.filter(code=code)
    if power is not None:
        clash = clash.exclude(pk=power.pk)
    if clash.exists():
        raise PowerRefused(_("权力编码“%(code)s”已被使用。") % {"code": code})
    clean["code"] = code
    category = data.get("category")
    if category not in Category.values:
        raise PowerRefused(_("请选择权力类别。"))
    clean["category"] = category
    item = data.get("service_item")
    if item is not None and category != Category.LICENSING:
        raise PowerRefused(_("只有行政许可类权力可以关联政务服务事项。"))
    clean["service_item"] = item
    if len(bases) > MAX_BASES or len(steps) > MAX_STEPS:
        raise PowerRefused(_("设定依据或流程环节过多。"))
    clean["bases"] = [
        {
            "law": _text(b.get("law"), _("法律法规名称"), 200, True),
            "article": _text(b.get("article"), _("条款"), 100, False),
            "text": _text(b.get("text"), _("条款内容"), 5000, False),
        }
        for b in bases
    ]
    if not clean["bases"]:
        raise PowerRefused(_("请至少填写一项设定依据。"))
    checked_steps = []
    for s in steps:
        days = s.get("days") or 0
        if not isinstance(days, int) or not 0 <= days <= 365:
            raise PowerRefused(_("环节时限应为 0 至 365 之间的整数。"))
        checked_steps.append(
            {
                "name": _text(s.get("name"), _("环节名称"), 100, True),
                "description": _text(s.get("description"), _("环节说明"), 300, False),
                "days": days,
            }
        )
    clean["steps"] = checked_steps
    return clean


def save_power(
    actor, *, unit: Unit, data: dict, bases: list[dict], steps: list[dict], power=None
) -> Power:
    """Create or change the working copy of a power (nothing public changes until approved)."""
    verb = "create" if power is None else "edit"
    if not access.may_edit(actor, unit if power is None else power.unit):
        raise _refuse(
            verb,
            actor,
            power,
            "not_permitted",
            PermissionDenied(_("您无权修改其他单位的权力事项。")),
        )
    if power is not None and unit.pk != power.unit_id:
        raise _refuse(
            verb, actor, power, "unit_changed", PowerRefused(_("权力事项不能转到其他单位。"))
        )
    try:
        clean = _checked(data, bases, steps, power)
    except PowerRefused as exc:
        raise _refuse(verb, actor, power, str(exc), exc) from None
    with transaction.atomic():
        if power is None:
            power = Power(unit=unit)
        else:
            power = Power.objects.select_for_update().get(pk=power.pk)
            if power.state not in EDITABLE:
                raise PowerRefused(_("该权力事项正在审核中，不能修改。"))
        for field in (*TEXT_FIELDS, "code", "category", "service_item"):
            setattr(power, field, clean[field])
        power.state = State.DRAFT
        power.review_note = ""
        power.save()
        power.bases.all().delete()
        LegalBasis.objects.bulk_create(
            LegalBasis(power=power, order=i, **b) for i, b in enumerate(clean["bases"])
        )
        power.steps.all().delete()
        FlowStep.objects.bulk_create(
            FlowStep(power=power, order=i, **s) for i, s in enumerate(clean["steps"])
        )
        audit.record(f"powers.{verb}", actor=actor, obj=power, details={"code": power.code})
    return power


def _require_state(power: Power, states, verb: str, actor, message: str) -> None:
    """Refuse (audited, outside any transaction) a verb the power's state does not allow; the
    locked re-check inside the transaction catches a race."""
    if Power.objects.filter(pk=power.pk, state__in=states).exists():
        return
    raise _refuse(verb, actor, power, "state", PowerRefused(message))


def _locked(power: Power) -> Power:
    return Power.objects.select_for_update().select_related("unit").get(pk=power.pk)


def submit_for_review(power: Power, actor, *, reason: str) -> Power:
    """Send the working copy to a reviewer with the reason for the change (调整理由)."""
    if not access.may_edit(actor, power.unit):
        raise _refuse(
            "submit",
            actor,
            power,
            "not_permitted",
            PermissionDenied(_("您无权修改其他单位的权力事项。")),
        )
    try:
        reason = _text(reason, _("调整理由"), 300, True)
    except PowerRefused as exc:
        raise _refuse("submit", actor, power, str(exc), exc) from None
    _require_state(
        power, (State.DRAFT, State.RETURNED), "submit", actor, _("该权力事项没有待送审的修改。")
    )
    with transaction.atomic():
        power = _locked(power)
        if power.state not in (State.DRAFT, State.RETURNED):
            raise PowerRefused(_("该权力事项没有待送审的修改。"))
        power.state = State.PENDING
        power.change_reason = reason
        power.submitted_by = actor
        power.save(update_fields=["state", "change_reason", "submitted_by", "updated_at"])
        audit.record("powers.submit", actor=actor, obj=power, details={"reason": reason})
    return power


def _snapshot(power: Power) -> dict:
    return {
        "unit": power.unit,
        "code": power.code,
        "name": power.name,
        "category": power.category,
        "section": power.section,
        "responsibilities": power.responsibilities,
        "accountability": power.accountability,
        "time_limit": power.time_limit,
        "fees": power.fees,
        "fee_basis": power.fee_basis,
        "service_item": power.service_item,
        "bases": [{"law": b.law, "article": b.article, "text": b.text} for b in power.bases.all()],
        "steps": [
            {"name": s.name, "description": s.description, "days": s.days}
            for s in power.steps.all()
        ],
    }


def approve(power: Power, actor, *, on: date | None = None) -> PowerVersion:
    """The reviewer approves: the working copy becomes the power's new public version."""
    on = on or timezone.localdate()
    if not access.may_review(actor, power):
        raise _refuse(
            "approve",
            actor,
            power,
            "not_permitted",
            PermissionDenied(_("只有本单位审核人或县电子政务办可以审核。")),
        )
    _require_state(power, (State.PENDING,), "approve", actor, _("该权力事项不在待审核状态。"))
    with transaction.atomic():
        power = _locked(power)
        if power.state != State.PENDING:
            raise PowerRefused(_("该权力事项不在待审核状态。"))
        last = power.versions.order_by("-number").first()
        power.versions.filter(is_current=True).update(is_current=False)
        version = PowerVersion.objects.create(
            power=power,
            number=(last.number + 1) if last else 1,
            is_current=True,
            adjusted_on=on,
            reason=power.change_reason,
            approved_by=actor,
            approved_at=timezone.now(),
            **_snapshot(power),
        )
        power.state = State.APPROVED
        power.review_note = ""
        power.save(update_fields=["state", "review_note", "updated_at"])
        audit.record(
            "powers.approve",
            actor=actor,
            obj=power,
            details={"version": version.number, "reason": version.reason},
        )
        transaction.on_commit(invalidate_pages)
    return version


def return_for_changes(power: Power, actor, *, note: str) -> Power:
    """The reviewer sends the change back with a note; the public version stays as it was."""
    if not access.may_review(actor, power):
        raise _refuse(
            "return",
            actor,
            power,
            "not_permitted",
            PermissionDenied(_("只有本单位审核人或县电子政务办可以审核。")),
        )
    try:
        note = _text(note, _("退回理由"), 300, True)
    except PowerRefused as exc:
        raise _refuse("return", actor, power, str(exc), exc) from None
    _require_state(power, (State.PENDING,), "return", actor, _("该权力事项不在待审核状态。"))
    with transaction.atomic():
        power = _locked(power)
        if power.state != State.PENDING:
            raise PowerRefused(_("该权力事项不在待审核状态。"))
        power.state = State.RETURNED
        power.review_note = note
        power.save(update_fields=["state", "review_note", "updated_at"])
        audit.record("powers.return", actor=actor, obj=power, details={"note": note})
    return power
