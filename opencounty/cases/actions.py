"""Every state change of a case, and the whole life of its clock.

The engine is the only writer of a case's own fields (state, unit, assignee, clock,
reply, closing). A domain verb is wrapped by `case_action` (who may act, the row lock,
one transaction, audited refusals) and ends in exactly one of the engine's steps:
`step` for a plain transition, or a clock step (`start_clock`, `restart_clock`, `pause`,
`resume`, `answer`, `reopen`, `conclude`, `move`) that changes the clock or the answer
on the way. Every step re-derives the due date, writes the timeline and the audit log.
Dates are inputs (`on`); nothing here reads "today" unless the caller passes none.
"""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.cases import clock, kinds, notify
from opencounty.cases.models import (
    Case,
    ClockPause,
    DeadlineMove,
    Extension,
    Recalculation,
    TimelineEvent,
)
from opencounty.core import audit, calendar
from opencounty.core.access import (
    holds_role_in,
    role_unit_ids,
    sees_every_unit,
    staff_units,
)
from opencounty.core.models import Role, Unit
from opencounty.core.numbering import next_number
from opencounty.limits import store as limits

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
QUERY_CODE_LENGTH = 8
LOOKUP_ATTEMPTS_PER_HOUR = 10
APPROVER_ROLES = (Role.REVIEWER, Role.UNIT_ADMINISTRATOR)
# Checked against when a receipt number is unknown, so a miss takes as long as a wrong code.
_DUMMY_HASH = make_password("not-a-query-code")


class IllegalTransition(ValueError):
    """The verb is not allowed now, or its input is wrong (message in Chinese for the user)."""


# Who may act -------------------------------------------------------------------------------


def can_handle(user, case: Case) -> bool:
    """Staff of the owning unit, and the county office (which supervises every unit)."""
    return holds_role_in(user, case.unit_id) or sees_every_unit(user)


def handlers_condition(user) -> Q:
    """`can_handle` as a condition on cases."""
    return Q() if sees_every_unit(user) else Q(unit_id__in=role_unit_ids(user))


def is_approver(user, case: Case) -> bool:
    """A reviewer or administrator of the owning unit (approves extensions and replies)."""
    return bool(user is not None and user.is_authenticated and user.is_superuser) or holds_role_in(
        user, case.unit_id, APPROVER_ROLES
    )


def approvers_condition(user) -> Q:
    """`is_approver` as a condition on cases."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return Q()
    return Q(unit_id__in=role_unit_ids(user, APPROVER_ROLES))


# The engine's own rules for its verbs; a kind's handling may declare others.
ENGINE_PERMISSIONS = {
    "extend": kinds.Permission(
        is_approver, gettext_lazy("延期须由承办单位负责人批准。"), approvers_condition
    ),
}
HANDLERS = kinds.Permission(
    can_handle, gettext_lazy("您无权办理其他单位的办件。"), handlers_condition
)


def kind_permission(kind: kinds.CaseKind, verb: str) -> kinds.Permission:
    return kind.permission(verb) or ENGINE_PERMISSIONS.get(verb, HANDLERS)


def permission_for(case: Case, verb: str) -> kinds.Permission:
    return kind_permission(case.case_kind, verb)


def may_act(user, case: Case, verb: str) -> bool:
    """The per-kind permission hook: the kind's rule for the verb, else the engine's, else
    the case's handlers (the owning unit's staff and the county office)."""
    return bool(permission_for(case, verb).test(user, case))


def refusal(case: Case, verb: str) -> str:
    return str(permission_for(case, verb).refusal)


def visible_cases(user, kind: str):
    """The cases of a kind that a staff member sees: the kind's own rule if it has one, else
    their units' (every unit's for the county office)."""
    handling = kinds.get(kind).handling
    if handling is not None and handling.visible is not None:
        return handling.visible(user)
    cases = Case.objects.filter(kind=kind)
    if sees_every_unit(user):
        return cases
    return cases.filter(unit__in=staff_units(user))


def _refused(verb: str, actor, case: Case, reason: str) -> None:
    audit.record(
        f"case.{verb}", actor=actor, obj=case, outcome="failure", details={"reason": reason}
    )


def case_action(verb: str):
    """Wrap a staff verb: check the actor by the kind's permission hook, lock the case row,
    run in one transaction, and audit refusals outside that transaction so they survive its
    rollback. A date the calendar cannot count is refused like any other bad input."""

    def decorator(func):
        @functools.wraps(func)
        def wrapper(case: Case, actor, **kwargs) -> Case:
            if not may_act(actor, case, verb):
                _refused(verb, actor, case, "not_permitted")
                raise PermissionDenied(refusal(case, verb))
            try:
                with transaction.atomic():
                    locked = Case.objects.select_for_update().get(pk=case.pk)
                    return func(locked, actor, **kwargs)
            except calendar.CalendarNotCovered as exc:
                _refused(verb, actor, case, str(exc))
                raise IllegalTransition(str(exc)) from exc
            except (IllegalTransition, PermissionDenied) as exc:
                _refused(verb, actor, case, str(exc))
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


# Steps: the only writers of a case's own fields ----------------------------------------------


def _derive(case: Case, work_calendar: calendar.WorkCalendar | None = None) -> None:
    case.due_at = clock.derive_due_at(case)
    due = clock.derive_due(case, work_calendar)
    case.due_on = due.value if due else None
    case.due_provisional = bool(due and due.provisional)


def _record(
    case: Case,
    verb: str,
    actor,
    *,
    note: str = "",
    public: bool = True,
    details: dict | None = None,
) -> None:
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


def step(
    case: Case,
    verb: str,
    actor,
    *,
    note: str = "",
    public: bool = True,
    details: dict | None = None,
    rating: int | None = None,
) -> Case:
    """Check and apply a transition on a locked case, derive its due date again, record it.
    `rating` is the submitter's score when the verb is their rating."""
    require_legal(case, verb, actor)
    case.state = case.case_kind.target(verb, case.state)
    if rating is not None:
        case.rating = rating
    _derive(case)
    case.save()
    _record(case, verb, actor, note=note, public=public, details=details)
    return case


def _start_moment(case: Case, at: datetime | None) -> None:
    """A minute clock runs from a moment, which the caller must give (an incident's clock
    runs from the event, not from when the report was typed)."""
    if case.case_kind.counts_minutes:
        if at is None:
            raise ValueError(f"{case.kind}: a minute clock starts at a given moment (at=...)")
        case.clock_started_at = at
    elif at is not None:
        raise ValueError(f"{case.kind}: only a minute clock starts at a moment")


def start_clock(
    case: Case,
    verb: str,
    actor,
    *,
    on: date,
    time_limit: int | None = None,
    at: datetime | None = None,
    **record,
) -> Case:
    """The clock starts: the period counts from the day after `on` (a minute clock: from
    the moment `at`, and `on` is that moment's day)."""
    require_legal(case, verb, actor)
    case.clock_started_on = on
    _start_moment(case, at)
    case.time_limit = case.case_kind.time_limit if time_limit is None else time_limit
    return step(case, verb, actor, **record)


def restart_clock(
    case: Case,
    verb: str,
    actor,
    *,
    on: date,
    at: datetime | None = None,
    limit: int | None = None,
    **record,
) -> Case:
    """The period counts anew from the day after `on` (a correction arrived, Art. 30);
    pauses so far no longer count, extensions stay. A minute clock counts anew from the
    moment `at`, for `limit` minutes if given (the interval until the next follow-up
    report), and an answered minute case is open again on a fresh period."""
    require_legal(case, verb, actor)
    case.clock_started_on = on
    _start_moment(case, at)
    if limit is not None:
        if limit <= 0:
            raise IllegalTransition(_("时限必须大于零。"))
        case.time_limit = limit
    if case.case_kind.counts_minutes:
        case.extensions.all().delete()
        case.replied_at = None
    case.pauses.all().delete()
    return step(case, verb, actor, **record)


def pause(case: Case, verb: str, actor, *, on: date, reason: str, **record) -> Case:
    """Stop the clock from the day after `on` (补正, third party, fee) until it resumes."""
    require_legal(case, verb, actor)
    if case.case_kind.counts_minutes:
        raise IllegalTransition(_("按分钟计时的办件不能暂停计时。"))
    if clock.is_paused(case):
        raise IllegalTransition(_("计时已暂停。"))
    if case.clock_started_on is not None and on < case.clock_started_on:
        raise IllegalTransition(_("暂停日期不能早于计时起算日。"))
    ClockPause.objects.create(case=case, started_on=on, reason=reason)
    return step(case, verb, actor, **record)


def _end_pause(case: Case, on: date) -> None:
    open_pause = case.pauses.filter(ended_on__isnull=True).first()
    if open_pause is None:
        raise IllegalTransition(_("计时未暂停，无需恢复。"))
    if on < open_pause.started_on:
        raise IllegalTransition(_("恢复日期不能早于暂停日期。"))
    open_pause.ended_on = on
    open_pause.save(update_fields=["ended_on"])


def resume(case: Case, verb: str, actor, *, on: date, **record) -> Case:
    """Let a paused clock run again from the day after `on`."""
    require_legal(case, verb, actor)
    _end_pause(case, on)
    return step(case, verb, actor, **record)


def answer(
    case: Case,
    verb: str,
    actor,
    *,
    text: str,
    on: date | None = None,
    at: datetime | None = None,
    public: bool | None = None,
    closing: bool = False,
    **record,
) -> Case:
    """The unit answers: the deadline is met (or missed) for good, a paused clock stops on
    `on`, the submitter is told. `public=False` keeps the answer off any public list;
    `closing` also closes the case."""
    require_legal(case, verb, actor)
    if not text.strip():
        raise IllegalTransition(_("答复内容不能为空。"))
    at = at or timezone.now()
    if clock.is_paused(case):
        _end_pause(case, on or timezone.localdate(at))
    case.reply = text.strip()
    case.replied_at = at
    if public is not None:
        case.is_public = case.is_public and public
    if closing:
        case.closed_at = at
    answered = step(case, verb, actor, **record)
    if case.case_kind.notify_submitter:
        notify.submitter_answered(answered)
    return answered


def reopen(case: Case, verb: str, actor, *, on: date, at: datetime | None = None, **record) -> Case:
    """Handle again (a dissatisfied rating, an appeal): unanswered and open, with a fresh
    period from the day after `on` (a minute clock: from `at`, default now); earlier pauses
    and extensions no longer count."""
    require_legal(case, verb, actor)
    case.replied_at = None
    case.closed_at = None
    case.clock_started_on = on
    if case.case_kind.counts_minutes:
        _start_moment(case, at or timezone.now())
    case.pauses.all().delete()
    case.extensions.all().delete()
    reopened = step(case, verb, actor, **record)
    notify.case_arrived(reopened)
    return reopened


def conclude(case: Case, verb: str, actor, *, at: datetime | None = None, **record) -> Case:
    """Close the case (办结): no clock, no warnings any more."""
    require_legal(case, verb, actor)
    case.closed_at = at or timezone.now()
    return step(case, verb, actor, **record)


def move(case: Case, verb: str, actor, *, to_unit: Unit, on: date, **record) -> Case:
    """The case goes to another unit (route, send back, transfer); the kind decides whether
    the period restarts from `on`. The receiving unit is told."""
    require_legal(case, verb, actor)
    case.unit = to_unit
    case.assignee = None
    if case.case_kind.transfer_restarts_clock and case.clock_started_on is not None:
        case.clock_started_on = on
        case.pauses.all().delete()
    moved = step(case, verb, actor, **record)
    notify.case_arrived(moved)
    return moved


# The engine's own verbs ---------------------------------------------------------------------


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


@dataclass(frozen=True)
class QueryCode:
    """A new query code and the hash stored for it."""

    code: str
    hash: str


def new_hashed_query_code() -> QueryCode:
    """Make the query code and its (deliberately slow) password hash. Call it BEFORE the write
    transaction and pass the result to `submit`: hashing inside would hold the database's write
    lock for a quarter of a second per submission, and a burst of them then times out."""
    code = new_query_code()
    return QueryCode(code=code, hash=make_password(code))


def query_code_first(func):
    """For a domain's public submit (`@query_code_first` instead of `@transaction.atomic`): hash
    a new query code first, then run `func(..., query_code=...)` in one transaction; `func`
    hands it to `submit`."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        prepared = new_hashed_query_code()
        with transaction.atomic():
            return func(*args, query_code=prepared, **kwargs)

    return wrapper


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
    clock_starts_on: date | None = None,
    clock_starts_at: datetime | None = None,
    time_limit: int | None = None,
    query_code: QueryCode | None = None,
) -> tuple[Case, str]:
    """Store a submission from the public (stored before it is acknowledged). Returns the
    case and its query code (shown once, stored hashed). Kinds whose clock runs from arrival
    pass `clock_starts_on`; the owning unit is told. Public forms pass `query_code` made by
    `new_hashed_query_code()` before their transaction began. A minute clock starts at
    `clock_starts_at` (an incident's clock runs from the event)."""
    if query_code is None:
        query_code = new_hashed_query_code()
    kind = kinds.get(kind_code)
    now = timezone.now()
    year = timezone.localdate(now).year
    number = next_number(f"case:{kind.code}", year)
    case = Case(
        kind=kind.code,
        receipt_number=f"{kind.receipt_prefix}{year}{number:06d}",
        query_code_hash=query_code.hash,
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
    if clock_starts_at is not None:
        _start_moment(case, clock_starts_at)
        clock_starts_on = timezone.localdate(clock_starts_at)
    if clock_starts_on is not None:
        case.clock_started_on = clock_starts_on
        case.time_limit = kind.time_limit if time_limit is None else time_limit
        case.save()
        _derive(case)
    case.save()
    TimelineEvent.objects.create(case=case, at=now, verb="submit", state=case.state)
    audit.record("case.submit", obj=case, details={"kind": kind.code, "unit": unit.code})
    notify.case_arrived(case)
    return case, query_code.code


@case_action("receive")
def receive(case: Case, actor, *, on: date) -> Case:
    """Confirm receipt: the clock starts counting from the day after `on`."""
    return start_clock(
        case, "receive", actor, on=on, note=_("已受理，受理日期 %(on)s") % {"on": on.isoformat()}
    )


@case_action("assign")
def assign(case: Case, actor, *, assignee) -> Case:
    if not holds_role_in(assignee, case.unit_id):
        raise PermissionDenied(_("经办人必须是承办单位的工作人员。"))
    case.assignee = assignee
    return step(case, "assign", actor, public=False, details={"assignee": assignee.get_username()})


@case_action("transfer")
def transfer(case: Case, actor, *, to_unit: Unit, reason: str, on: date) -> Case:
    """Pass the case to another unit with a reason; the kind decides whether the clock restarts."""
    require_legal(case, "transfer", actor)
    if to_unit.pk == case.unit_id:
        raise IllegalTransition(_("请选择其他单位。"))
    if not reason.strip():
        raise IllegalTransition(_("转办必须填写理由。"))
    return move(
        case,
        "transfer",
        actor,
        to_unit=to_unit,
        on=on,
        note=_("由%(from)s转至%(to)s：%(reason)s")
        % {"from": case.unit.name, "to": to_unit.name, "reason": reason.strip()},
        details={"from": case.unit.code, "to": to_unit.code},
    )


@case_action("pause")
def pause_clock(case: Case, actor, *, on: date, reason: str) -> Case:
    return pause(case, "pause", actor, on=on, reason=reason, note=reason)


@case_action("resume")
def resume_clock(case: Case, actor, *, on: date) -> Case:
    return resume(case, "resume", actor, on=on)


@case_action("extend")
def extend(case: Case, actor, *, days: int, reason: str, max_days: int | None = None) -> Case:
    """Extend the time limit; `actor` is the approver (see the kind's permission for "extend")."""
    require_legal(case, "extend", actor)
    already = sum(e.days for e in case.extensions.all())
    if days <= 0 or (max_days is not None and already + days > max_days):
        raise IllegalTransition(_("延长期限不能超过 %(max)s 个工作日。") % {"max": max_days})
    if not reason.strip():
        raise IllegalTransition(_("延期必须说明理由。"))
    Extension.objects.create(case=case, days=days, reason=reason, approved_by=actor)
    return step(case, "extend", actor, note=reason, details={"days": days})


@case_action("reply")
def reply(case: Case, actor, *, text: str, public: bool = False, on: date | None = None) -> Case:
    return answer(case, "reply", actor, text=text, public=public, on=on)


@case_action("close")
def close(case: Case, actor, *, note: str = "") -> Case:
    return conclude(case, "close", actor, note=note)


# When the holiday table changes ---------------------------------------------------------------


def rederive_open_cases(*, since: date, reason: str, actor=None) -> Recalculation:
    """Derive again the due date of every open case whose clock may count days from `since`
    on, in one transaction; record each case whose date or provisional mark changed. Answered
    and closed cases never change. Units whose case moved earlier are told."""
    with transaction.atomic():
        work_calendar = calendar.load()
        recalculation = Recalculation.objects.create(at=timezone.now(), actor=actor, reason=reason)
        cases = (
            Case.objects.select_for_update()
            .filter(replied_at__isnull=True, closed_at__isnull=True, clock_started_on__isnull=False)
            .filter(Q(due_on__isnull=True) | Q(due_on__gte=since))
            .order_by("pk")
        )
        moves = []
        checked = 0
        for case in cases.prefetch_related("pauses", "extensions").select_related("unit"):
            checked += 1
            old = (case.due_on, case.due_provisional)
            _derive(case, work_calendar)
            if (case.due_on, case.due_provisional) == old:
                continue
            Case.objects.filter(pk=case.pk).update(
                due_on=case.due_on, due_provisional=case.due_provisional
            )
            moves.append(
                DeadlineMove(
                    recalculation=recalculation,
                    case=case,
                    old_due_on=old[0],
                    old_provisional=old[1],
                    new_due_on=case.due_on,
                    new_provisional=case.due_provisional,
                )
            )
            _record(
                case,
                "recalculate",
                actor,
                note=_("节假日安排更新，办理期限由%(old)s调整为%(new)s")
                % {"old": _day(old[0], old[1]), "new": _day(case.due_on, case.due_provisional)},
                details={"recalculation": recalculation.pk},
            )
        DeadlineMove.objects.bulk_create(moves)
        recalculation.checked = checked
        recalculation.save(update_fields=["checked"])
        audit.record(
            "case.recalculate",
            actor=actor,
            obj=recalculation,
            details={"reason": reason, "checked": checked, "moved": len(moves)},
        )
        notify.deadlines_moved_earlier([move for move in moves if move.earlier])
    return recalculation


def _day(day: date | None, provisional: bool) -> str:
    if day is None:
        return "—"
    return day.isoformat() + (_("（暂定）") if provisional else "")


# The public side ------------------------------------------------------------------------------


LOOKUP_LIMIT_SCOPE = "cases:lookup-failures"
LOOKUP_WINDOW_SECONDS = 3600


def lookup(receipt_number: str, query_code: str, *, client: str) -> Case | None:
    """The case for a receipt number and query code, or None. A wrong pair reveals nothing;
    after too many misses from one client, every lookup from it fails for an hour."""
    if limits.count(LOOKUP_LIMIT_SCOPE, client) >= LOOKUP_ATTEMPTS_PER_HOUR:
        return None
    case = Case.objects.filter(receipt_number=receipt_number.strip().upper()).first()
    valid = check_password(
        query_code.strip().upper(), case.query_code_hash if case else _DUMMY_HASH
    )
    if case is None or not valid:
        limits.hit(LOOKUP_LIMIT_SCOPE, client, seconds=LOOKUP_WINDOW_SECONDS)
        return None
    return case


def lookups_left(client: str) -> int:
    return max(0, LOOKUP_ATTEMPTS_PER_HOUR - limits.count(LOOKUP_LIMIT_SCOPE, client))
