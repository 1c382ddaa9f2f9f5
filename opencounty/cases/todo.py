"""The case engine's part of 我的待办: for each kind, the cases where this person has a
verb to perform now (legal in the state, permitted by the kind's hook, offered by the kind).

Each verb that makes a case wait is a database condition (its states, its permission's
`where`, its own `where` for `shown` and `targets`), so a kind's cases are counted in one
query and its first rows listed in another, whatever their number. A verb without a
condition is asked case by case, in the states it starts from only (up to CANDIDATES)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial

from django.db.models import Case as Choice
from django.db.models import CharField, Count, F, Q, Value, When
from django.utils import timezone

from opencounty.cases import actions, clock, kinds, staff_views
from opencounty.cases.models import Case
from opencounty.core import calendar
from opencounty.core.access import role_unit_ids
from opencounty.core.todo import Later, TodoGroup, TodoItem

CANDIDATES = 200  # per kind, of the cases asked one by one; the inbox lists the rest
SHOWN = 20
NOTHING = Q(pk__in=[])


def _mine(user, kind):
    """The cases that may wait on this user: their units' own (not those they only supervise),
    or what the kind says."""
    if kind.handling.waiting is not None:
        return kind.handling.waiting(user)
    return Case.objects.filter(kind=kind.code, unit_id__in=role_unit_ids(user))


def next_step(user, case: Case) -> str:
    """The label of the first verb this user may perform on the case now, or ""."""
    for verb, staff_verb in case.case_kind.handling.verbs.items():
        if staff_verb.optional or not case.case_kind.allows(verb, case.state):
            continue
        if staff_verb.shown is not None and not staff_verb.shown(case, user):
            continue
        if staff_verb.targets is not None and not staff_verb.targets(case, user):
            continue
        if actions.may_act(user, case, verb):
            return str(staff_verb.label)
    return ""


def waiting_conditions(user, kind, today: date) -> tuple[list[tuple[str, Q]], frozenset[str]]:
    """`next_step` as database conditions: for each verb that makes a case wait on this user
    (in the handling's order), the cases it makes wait; and the states some verb without a
    condition starts from, whose cases are asked one by one."""
    conditions, asked = [], set()
    for verb, staff_verb in kind.handling.verbs.items():
        sources = kind.transitions.get(verb, (frozenset(), None))[0]
        if staff_verb.optional or not sources:
            continue
        permission = actions.kind_permission(kind, verb)
        conditional = staff_verb.shown is not None or staff_verb.targets is not None
        if permission.where is None or (conditional and staff_verb.where is None):
            asked |= sources
            continue
        condition = Q(state__in=sources) & permission.where(user)
        if staff_verb.where is not None:
            condition &= staff_verb.where(user, today)
        conditions.append((verb, condition))
    return conditions, frozenset(asked)


def _urgent(kind, today: date, work_calendar) -> Q:
    """The cases `clock.warning_level` colours red or yellow on `today`, as a condition."""
    if kind.counts_minutes:
        colours = clock.minute_conditions(timezone.now(), {kind.code: kind.warning_window})
    else:
        bounds = clock.LevelBounds.on(today, [kind.warning_window], work_calendar)
        colours = bounds.conditions({kind.code: kind.warning_window})
    return Q(closed_at__isnull=True, replied_at__isnull=True) & (
        colours[clock.RED] | colours[clock.YELLOW]
    )


def _item(case: Case, step: str, today: date, work_calendar) -> TodoItem:
    return TodoItem(
        title=case.title,
        url=staff_views.detail_url(case),
        reference=case.receipt_number,
        next_step=step,
        due_on=case.due_on,
        provisional=case.due_provisional,
        level=clock.warning_level(case, today, work_calendar) or "",
    )


def _by_due_day(cases):
    return cases.order_by(F("due_on").asc(nulls_last=True), "submitted_at", "pk")


def _with_first_rows(
    asked: list[TodoItem], waiting, conditions, handling, today: date, work_calendar
) -> list[TodoItem]:
    """The cases asked one by one and the first SHOWN waiting cases by due day, each with the
    label of the first verb whose condition it meets (as `next_step` would find)."""
    first_verb = Choice(
        *(When(condition, then=Value(verb)) for verb, condition in conditions),
        default=Value(""),
        output_field=CharField(),
    )
    shown = _by_due_day(waiting.annotate(todo_verb=first_verb))[:SHOWN]
    return asked + [
        _item(case, str(handling.verbs[case.todo_verb].label), today, work_calendar)
        for case in shown
    ]


def case_groups(user, today: date) -> list[TodoGroup]:
    if not (user and user.is_authenticated):
        return []
    work_calendar = calendar.load()
    groups = []
    for kind in kinds.handled_kinds():
        handling = kind.handling
        open_cases = (
            _mine(user, kind).filter(closed_at__isnull=True).exclude(state__in=kind.closed_states)
        )
        conditions, asked_states = waiting_conditions(user, kind, today)
        asked: list[TodoItem] = []
        if asked_states:
            candidates = _by_due_day(
                open_cases.filter(state__in=asked_states)
                .select_related("unit", *handling.related)
                .prefetch_related(*handling.prefetch)
            )[:CANDIDATES]
            for case in candidates:
                step = next_step(user, case)
                if step:
                    asked.append(_item(case, step, today, work_calendar))
        count, urgent = len(asked), sum(1 for item in asked if item.level)
        items: Sequence[TodoItem] = asked
        if conditions:
            waiting = open_cases.exclude(state__in=asked_states).filter(
                _any(condition for _verb, condition in conditions)
            )
            figures = waiting.aggregate(
                count=Count("pk"), urgent=Count("pk", filter=_urgent(kind, today, work_calendar))
            )
            count, urgent = count + figures["count"], urgent + figures["urgent"]
            if figures["count"]:
                # Read only where the items are shown (the dashboard), not for the menu.
                items = Later(
                    partial(
                        _with_first_rows, asked, waiting, conditions, handling, today, work_calendar
                    )
                )
        groups.append(
            TodoGroup(
                key=kind.code,
                label=handling.menu_label,
                url=staff_views.inbox_url(kind.code),
                items=items,
                count=count,
                urgent_count=urgent,
            )
        )
    return groups


def _any(conditions) -> Q:
    union = NOTHING
    for condition in conditions:
        union = condition if union is NOTHING else union | condition
    return union
