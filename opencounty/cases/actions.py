"""Every state change of a case. Each verb checks the actor, checks the transition is
legal for the case's kind, writes inside one transaction with the case row locked,
and appends to the audit log and the case timeline."""

from __future__ import annotations

import functools
import secrets
from datetime import date

from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import clock, kinds
from opencounty.cases.models import Case, ClockPause, Extension, TimelineEvent
from opencounty.core import audit
from opencounty.core.access import sees_every_unit, staff_units
from opencounty.core.models import Role, Unit, UnitGroup
from opencounty.core.numbering import next_number

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
QUERY_CODE_LENGTH = 8
LOOKUP_ATTEMPTS_PER_HOUR = 10
APPROVER_ROLES = (Role.REVIEWER, Role.UNIT_ADMINISTRATOR)
# Checked against when a receipt number is unknown, so a miss takes as long as a wrong code.
_DUMMY_HASH = make_password("not-a-query-code")


class IllegalTransition(ValueError):
    """The verb is not allowed in the case's current state (message in Chinese for the user)."""


def _is_staff_of(user, unit: Unit, roles=None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    links = UnitGroup.objects.filter(group__user=user)
    if roles is not None:
        links = links.filter(role__in=roles)
    return links.filter(unit=unit).exists() or (
        roles is None and links.filter(unit__kind=Unit.Kind.COUNTY_OFFICE).exists()
    )


def can_handle(user, case: Case) -> bool:
    """Staff of the owning unit, and the county office (which supervises every unit)."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or _is_staff_of(user, case.unit))
    )


def visible_cases(user, kind: str):
    """The cases of a kind that a staff member sees: their units' (every unit's for the
    county office)."""
    cases = Case.objects.filter(kind=kind)
    if sees_every_unit(user):
        return cases
    return cases.filter(unit__in=staff_units(user))


def case_action(verb: str, *, may_act=None, refusal=None, reason: str = "not_handler"):
    """Wrap a verb: check the actor, lock the case row, run in one transaction, and audit
    refusals outside that transaction so they survive its rollback.

    `may_act(actor, case)` decides who may act (default: the owning unit's staff and the
    county office); `refusal` is the message they get otherwise."""
    allowed = may_act or (lambda actor, case: can_handle(actor, case))

    def decorator(func):
        @functools.wraps(func)
        def wrapper(case: Case, actor, **kwargs) -> Case:
            if not allowed(actor, case):
                audit.record(
                    f"case.{verb}",
                    actor=actor,
                    obj=case,
                    outcome="failure",
                    details={"reason": reason},
                )
                raise PermissionDenied(str(refusal or _("您无权办理其他单位的办件。")))
            try:
                with transaction.atomic():
                    locked = Case.objects.select_for_update().get(pk=case.pk)
                    return func(locked, actor, **kwargs)
            except (IllegalTransition, PermissionDenied) as exc:
                audit.record(
                    f"case.{verb}",
                    actor=actor,
                    obj=case,
                    outcome="failure",
                    details={"reason": str(exc)},
                )
                raise

        return wrapper

    return decorator


def require_legal(case: Case, verb: str, actor) -> None:
    """Refuse a verb the case's kind does not allow in its current state (verbs that check
    their own arguments call this first, so the user hears about the state before the rest)."""
    if not case.case_kind.allows(verb, case.state):
        audit.record(
            f"case.{verb}", actor=actor, obj=case, outcome="failure", details={"state": case.state}
        )
        raise IllegalTransition(
            _("办件“%(number)s”当前状态为“%(state)s”，不能执行此操作。")
            % {"number": case.receipt_number, "state": case.state_label}
        )


def step(
    case: Case,
    verb: str,
    actor,
    *,
    note: str = "",
    public: bool = True,
    details: dict | None = None,
) -> Case:
    """Check and apply a transition on a locked case; record it."""
    require_legal(case, verb, actor)
    case.state = case.case_kind.target(verb, case.state)
    case.due_on = clock.derive_due_on(case)
    case.save()
    TimelineEvent.objects.create(
        case=case,
        at=timezone.now(),
        actor=actor,
        verb=verb,
        state=case.state,
        note=note,
        public=public,
    )
    audit.record(
        f"case.{verb}", actor=actor, obj=case, details={"state": case.state, **(details or {})}
    )
    return case


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


@transaction.atomic
def submit(
    kind_code: str,
    *,
    unit: Unit,
    title: str,
    submitter_name: str,
    submitter_phone: str = "",
    submitter_id_number: str = "",
    submitter_email: str = "",
    is_public: bool = False,
) -> tuple[Case, str]:
    """Store a submission from the public. Returns the case and its query code (shown once, stored hashed)."""
    kind = kinds.get(kind_code)
    now = timezone.now()
    year = timezone.localdate(now).year
    number = next_number(f"case:{kind.code}", year)
    query_code = new_query_code()
    case = Case.objects.create(
        kind=kind.code,
        receipt_number=f"{kind.receipt_prefix}{year}{number:06d}",
        query_code_hash=make_password(query_code),
        title=title,
        submitter_name=submitter_name,
        submitter_phone=submitter_phone,
        submitter_id_number=submitter_id_number,
        submitter_email=submitter_email,
        unit=unit,
        state=kind.initial_state,
        submitted_at=now,
        is_public=is_public,
    )
    TimelineEvent.objects.create(case=case, at=now, verb="submit", state=case.state)
    audit.record("case.submit", obj=case, details={"kind": kind.code, "unit": unit.code})
    return case, query_code


@case_action("receive")
def receive(case: Case, actor, *, on: date) -> Case:
    """Confirm receipt: the clock starts counting from the day after `on`."""
    case.clock_started_on = on
    case.time_limit = case.case_kind.time_limit
    return step(case, "receive", actor, note=_("已受理，受理日期 %(on)s") % {"on": on.isoformat()})


@case_action("assign")
def assign(case: Case, actor, *, assignee) -> Case:
    if not _is_staff_of(assignee, case.unit):
        raise PermissionDenied(_("经办人必须是承办单位的工作人员。"))
    case.assignee = assignee
    return step(case, "assign", actor, public=False, details={"assignee": assignee.get_username()})


@case_action("transfer")
def transfer(case: Case, actor, *, to_unit: Unit, reason: str, on: date) -> Case:
    """Pass the case to another unit with a reason; the kind decides whether the clock restarts."""
    if not reason.strip():
        raise IllegalTransition(_("转办必须填写理由。"))
    from_unit = case.unit
    case.unit = to_unit
    case.assignee = None
    if case.case_kind.transfer_restarts_clock and case.clock_started_on is not None:
        case.clock_started_on = on
        case.pauses.all().delete()
    return step(
        case,
        "transfer",
        actor,
        note=_("由%(from)s转至%(to)s：%(reason)s")
        % {"from": from_unit.name, "to": to_unit.name, "reason": reason},
        details={"from": from_unit.code, "to": to_unit.code},
    )


def start_pause(case: Case, *, on: date, reason: str) -> None:
    """Stop the clock of a case already locked by a verb (domain verbs that wait on someone)."""
    if clock.is_paused(case):
        raise IllegalTransition(_("计时已暂停。"))
    ClockPause.objects.create(case=case, started_on=on, reason=reason)


def end_pause(case: Case, *, on: date) -> None:
    """Let the clock of a locked case run again from the day after `on`."""
    pause = case.pauses.filter(ended_on__isnull=True).first()
    if pause is None:
        raise IllegalTransition(_("计时未暂停，无需恢复。"))
    if on < pause.started_on:
        raise IllegalTransition(_("恢复日期不能早于暂停日期。"))
    pause.ended_on = on
    pause.save(update_fields=["ended_on"])


@case_action("pause")
def pause_clock(case: Case, actor, *, on: date, reason: str) -> Case:
    start_pause(case, on=on, reason=reason)
    return step(case, "pause", actor, note=reason)


@case_action("resume")
def resume_clock(case: Case, actor, *, on: date) -> Case:
    end_pause(case, on=on)
    return step(case, "resume", actor)


@case_action("extend")
def extend(case: Case, actor, *, days: int, reason: str, max_days: int | None = None) -> Case:
    """Extend the time limit; `actor` is the approver (a reviewer or administrator of the unit)."""
    if not _is_staff_of(actor, case.unit, roles=APPROVER_ROLES):
        raise PermissionDenied(_("延期须由承办单位负责人批准。"))
    already = sum(e.days for e in case.extensions.all())
    if days <= 0 or (max_days is not None and already + days > max_days):
        raise IllegalTransition(_("延长期限不能超过 %(max)s 个工作日。") % {"max": max_days})
    Extension.objects.create(case=case, days=days, reason=reason, approved_by=actor)
    return step(case, "extend", actor, note=reason, details={"days": days})


@case_action("reply")
def reply(case: Case, actor, *, text: str, public: bool = False) -> Case:
    return record_reply(case, actor, text=text, public=public)


def record_reply(
    case: Case, actor, *, text: str, public: bool = False, details: dict | None = None
) -> Case:
    """The reply step on a case already locked by a verb (domain verbs add their own fields first)."""
    if not text.strip():
        raise IllegalTransition(_("答复内容不能为空。"))
    case.reply = text
    case.replied_at = timezone.now()
    case.is_public = case.is_public and public
    return step(case, "reply", actor, details=details)


@case_action("close")
def close(case: Case, actor, *, note: str = "") -> Case:
    case.closed_at = timezone.now()
    return step(case, "close", actor, note=note)


def _lookup_key(client: str) -> str:
    return f"cases:lookup-failures:{client}"


def lookup(receipt_number: str, query_code: str, *, client: str) -> Case | None:
    """The case for a receipt number and query code, or None. A wrong pair reveals nothing;
    after too many misses from one client, every lookup from it fails for an hour."""
    key = _lookup_key(client)
    if cache.get(key, 0) >= LOOKUP_ATTEMPTS_PER_HOUR:
        return None
    case = Case.objects.filter(receipt_number=receipt_number.strip().upper()).first()
    valid = check_password(
        query_code.strip().upper(), case.query_code_hash if case else _DUMMY_HASH
    )
    if case is None or not valid:
        if not cache.add(key, 1, 3600):
            cache.incr(key)
        return None
    return case


def lookups_left(client: str) -> int:
    return max(0, LOOKUP_ATTEMPTS_PER_HOUR - cache.get(_lookup_key(client), 0))
