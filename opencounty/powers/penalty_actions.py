"""Verbs of an administrative penalty case, on top of the case engine: one function per verb,
each writing only the penalty's own row and ending in one engine step. 双公示 publishing of a
decided case is here too (`publish`)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import actions as cases
from opencounty.cases.actions import IllegalTransition, case_action, require_legal, step
from opencounty.cases.models import Case
from opencounty.core import audit, calendar
from opencounty.core.masking import mask_name, redact
from opencounty.core.models import Unit
from opencounty.core.validators import clean_credit_code, clean_id_number
from opencounty.portal.cache import invalidate_pages
from opencounty.powers import access
from opencounty.powers.models import Category, PenaltyCase, Power, Publication, expiry
from opencounty.powers.penalty_kind import PENALTY

TITLE_LENGTH = 120


def _required(value: str, message: str, limit: int = 5000) -> str:
    text = (value or "").strip()
    if not text:
        raise IllegalTransition(message)
    if len(text) > limit:
        raise IllegalTransition(_("内容过长，请精简到 %(limit)s 字以内。") % {"limit": limit})
    return text


def _noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def register(
    actor,
    *,
    unit: Unit,
    party_kind: str,
    party_name: str,
    facts: str,
    registered_on: date,
    power: Power | None = None,
    id_number: str = "",
    credit_code: str = "",
    phone: str = "",
    query_code: cases.QueryCode | None = None,
) -> PenaltyCase:
    """立案: the unit opens a penalty case; the 90-day clock starts on the day of 立案.

    The party's query code (for the progress lookup) is hashed before the write transaction;
    a caller registering many cases at once may hand in one made beforehand."""
    if not access.may_edit(actor, unit):
        audit.record(
            "powers.register_penalty",
            actor=actor,
            outcome="failure",
            details={"reason": "not_permitted", "unit": unit.code},
        )
        raise PermissionDenied(_("只能为本单位登记处罚案件。"))
    if party_kind not in PenaltyCase.PartyKind.values:
        raise IllegalTransition(_("请选择当事人类型。"))
    party_name = _required(party_name, _("请填写当事人名称。"), 100)
    facts = _required(facts, _("请填写违法事实。"))
    if registered_on > timezone.localdate():
        raise IllegalTransition(_("立案日期不能晚于今天。"))
    if power is not None and (power.unit_id != unit.pk or power.category != Category.PENALTY):
        raise IllegalTransition(_("请选择本单位的行政处罚事项。"))
    try:
        id_number = clean_id_number(id_number) if (id_number or "").strip() else ""
        credit_code = clean_credit_code(credit_code) if (credit_code or "").strip() else ""
    except ValidationError as exc:
        raise IllegalTransition(exc.messages[0]) from None
    title = (
        _("%(party)s%(matter)s案") % {"party": party_name, "matter": power.name if power else ""}
    )[:TITLE_LENGTH]
    prepared = query_code or cases.new_hashed_query_code()  # slow: outside the transaction
    with transaction.atomic():
        case, _code = cases.submit(
            PENALTY.code,
            unit=unit,
            title=title,
            submitter_name=party_name,
            submitter_phone=(phone or "").strip()[:40],
            submitter_id_number=id_number,
            clock_starts_on=registered_on,
            query_code=prepared,
        )
        penalty = PenaltyCase.objects.create(
            case=case,
            power=power,
            party_kind=party_kind,
            credit_code=credit_code,
            facts=facts,
            registered_on=registered_on,
        )
        audit.record(
            "powers.register_penalty",
            actor=actor,
            obj=case,
            details={"unit": unit.code, "registered_on": registered_on.isoformat()},
        )
    return penalty


@case_action("investigate")
def investigate(case: Case, actor, *, evidence: str) -> Case:
    """调查取证 finished: what was found and how."""
    require_legal(case, "investigate", actor)
    evidence = _required(evidence, _("请填写调查取证情况。"))
    PenaltyCase.objects.filter(case=case).update(evidence=evidence)
    return step(case, "investigate", actor, note=evidence[:200], public=False)


@case_action("notify_party")
def notify_party(case: Case, actor, *, notice: str, on: date) -> Case:
    """告知: the party is told the facts, reasons and basis and of the right to a defence or a
    hearing (行政处罚法 art. 44)."""
    require_legal(case, "notify_party", actor)
    notice = _required(notice, _("请填写告知内容。"))
    PenaltyCase.objects.filter(case=case).update(notice=notice)
    return step(
        case,
        "notify_party",
        actor,
        note=_("%(on)s告知当事人：%(notice)s") % {"on": on.isoformat(), "notice": notice[:150]},
        public=False,
    )


@case_action("record_defence")
def record_defence(case: Case, actor, *, defence: str, hearing_requested: bool) -> Case:
    """陈述申辩 or 听证 recorded (the decision may follow only after it has been heard)."""
    require_legal(case, "record_defence", actor)
    defence = _required(defence, _("请填写陈述申辩或听证情况。"))
    PenaltyCase.objects.filter(case=case).update(
        defence=defence, hearing_requested=hearing_requested
    )
    return step(case, "record_defence", actor, note=defence[:200], public=False)


@case_action("decide")
def decide(
    case: Case,
    actor,
    *,
    decision_number: str,
    decision: str,
    basis: str,
    fine: Decimal | None,
    on: date,
) -> Case:
    """决定: the penalty decision, which stops the 90-day clock."""
    require_legal(case, "decide", actor)
    decision_number = _required(decision_number, _("请填写处罚决定书文号。"), 60)
    decision = _required(decision, _("请填写处罚内容。"))
    basis = _required(basis, _("请填写处罚依据。"), 300)
    if fine is not None and fine < 0:
        raise IllegalTransition(_("罚没金额不能为负数。"))
    penalty = case.penalty
    if on < penalty.registered_on:
        raise IllegalTransition(_("决定日期不能早于立案日期。"))
    PenaltyCase.objects.filter(case=case).update(
        decision_number=decision_number, decision=decision, basis=basis, fine=fine, decided_on=on
    )
    return cases.answer(
        case,
        "decide",
        actor,
        text=decision,
        on=on,
        at=_noon(on),
        public=False,
        note=_("处罚决定书 %(number)s") % {"number": decision_number},
    )


@case_action("deliver")
def deliver(case: Case, actor, *, on: date) -> Case:
    require_legal(case, "deliver", actor)
    if case.penalty.decided_on and on < case.penalty.decided_on:
        raise IllegalTransition(_("送达日期不能早于决定日期。"))
    PenaltyCase.objects.filter(case=case).update(delivered_on=on)
    return step(case, "deliver", actor, note=_("%(on)s送达") % {"on": on.isoformat()})


@case_action("execute")
def execute(case: Case, actor, *, execution: str, on: date) -> Case:
    require_legal(case, "execute", actor)
    execution = _required(execution, _("请填写执行情况。"))
    if case.penalty.delivered_on and on < case.penalty.delivered_on:
        raise IllegalTransition(_("执行日期不能早于送达日期。"))
    PenaltyCase.objects.filter(case=case).update(execution=execution, executed_on=on)
    return step(case, "execute", actor, note=execution[:200])


@case_action("close")
def close(case: Case, actor, *, note: str = "") -> Case:
    """结案."""
    return cases.conclude(case, "close", actor, note=note or _("已结案"))


def extend(case: Case, actor, *, days: int, reason: str) -> Case:
    """Approved by the unit's head (the engine's rule for extensions)."""
    return cases.extend(case, actor, days=days, reason=reason, max_days=90)


# 双公示 ---------------------------------------------------------------------------------------


def publish_due(decided_on: date) -> date | None:
    """The last day to publish a decision (7 working days after it); None when the calendar
    cannot count that far (the list then shows no colour rather than a wrong one)."""
    try:
        return calendar.add_working_days(decided_on, settings.POWERS_PUBLISH_WITHIN_DAYS)
    except calendar.CalendarNotCovered:
        return None


def masked_party(name: str, person: bool) -> str:
    """A person's name is masked; an organisation's name is public record."""
    return mask_name(name) if person else redact(name)


@case_action("publish")
def publish(case: Case, actor, *, on: date | None = None) -> Case:
    """双公示: put the decision on the public list, personal data masked."""
    require_legal(case, "publish", actor)
    on = on or timezone.localdate()
    penalty = case.penalty
    if Publication.objects.filter(case=case).exists():
        raise IllegalTransition(_("该处罚决定已经公示。"))
    if penalty.decided_on is None or on < penalty.decided_on:
        raise IllegalTransition(_("公示日期不能早于决定日期。"))
    person = penalty.party_kind == PenaltyCase.PartyKind.PERSON
    names = (case.submitter_name,) if person else ()
    Publication.objects.create(
        type=Publication.Type.PENALTY,
        case=case,
        unit=case.unit,
        title=redact(penalty.power.name if penalty.power else _("行政处罚"), names),
        party=masked_party(case.submitter_name, person),
        credit_code="" if person else penalty.credit_code,
        decision_number=penalty.decision_number,
        content=redact(penalty.decision, names),
        basis=redact(penalty.basis, names),
        decided_on=penalty.decided_on,
        published_on=on,
        expires_on=expiry(Publication.Type.PENALTY, on),
        published_by=actor,
    )
    transaction.on_commit(invalidate_pages)
    return step(case, "publish", actor, note=_("%(on)s在双公示栏目公示") % {"on": on.isoformat()})
