"""The case engine's part of 我的待办: for each kind, the cases where this person has a
verb to perform now (legal in the state, permitted by the kind's hook, offered by the kind)."""

from __future__ import annotations

from datetime import date

from opencounty.cases import actions, clock, kinds, staff_views
from opencounty.cases.models import Case
from opencounty.core import calendar
from opencounty.core.access import staff_units
from opencounty.core.todo import TodoGroup, TodoItem

CANDIDATES = 200  # per kind; the inbox lists the rest
SHOWN = 20


def _mine(user, kind):
    """The cases that may wait on this user: their units' own (not those they only supervise),
    or what the kind says."""
    if kind.handling.waiting is not None:
        return kind.handling.waiting(user)
    return Case.objects.filter(kind=kind.code, unit__in=staff_units(user))


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


def case_groups(user, today: date) -> list[TodoGroup]:
    if not (user and user.is_authenticated):
        return []
    work_calendar = calendar.load()
    groups = []
    for kind in kinds.handled_kinds():
        handling = kind.handling
        candidates = (
            _mine(user, kind)
            .filter(closed_at__isnull=True)
            .exclude(state__in=kind.closed_states)
            .select_related("unit", *handling.related)
            .prefetch_related(*handling.prefetch)
            .order_by("due_on", "submitted_at")[:CANDIDATES]
        )
        items = []
        for case in candidates:
            step = next_step(user, case)
            if not step:
                continue
            items.append(
                TodoItem(
                    title=case.title,
                    url=staff_views.detail_url(case),
                    reference=case.receipt_number,
                    next_step=step,
                    due_on=case.due_on,
                    provisional=case.due_provisional,
                    level=clock.warning_level(case, today, work_calendar) or "",
                )
            )
        group = TodoGroup(
            key=kind.code,
            label=handling.menu_label,
            url=staff_views.inbox_url(kind.code),
            items=items,
            count=len(items),
        )
        groups.append(group)
    return groups
