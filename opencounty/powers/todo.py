"""The list of powers in 我的待办: changes waiting for this reviewer, returned changes to
rework, decided penalties still to publish in 双公示 (red once the 7 working days are past)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from opencounty.cases.actions import visible_cases
from opencounty.core.access import HANDLING_ROLES, holds_office_role, role_unit_ids
from opencounty.core.todo import TodoGroup, TodoItem
from opencounty.powers import access, penalty_actions
from opencounty.powers.models import Power
from opencounty.powers.penalty_kind import AFTER_DECISION, PENALTY

SHOWN = 20


def _reviewable(user) -> Q:
    if user.is_superuser or holds_office_role(user, HANDLING_ROLES):
        return Q()
    return Q(unit_id__in=role_unit_ids(user) & role_unit_ids(user, access.REVIEWER_ROLES))


def power_groups(user, today: date) -> list[TodoGroup]:
    if not access.is_staff(user):
        return []
    groups = []
    pending = (
        Power.objects.filter(_reviewable(user), state=Power.State.PENDING)
        .select_related("unit")
        .order_by("updated_at")
    )
    returned = Power.objects.filter(
        state=Power.State.RETURNED, unit_id__in=role_unit_ids(user)
    ).select_related("unit")
    items = [
        TodoItem(
            title=p.name,
            url=reverse("powers_admin:detail", args=[p.pk]),
            reference=p.code,
            next_step=_("审核"),
        )
        for p in pending[:SHOWN]
    ] + [
        TodoItem(
            title=p.name,
            url=reverse("powers_admin:detail", args=[p.pk]),
            reference=p.code,
            next_step=_("修改后重新送审"),
        )
        for p in returned[:SHOWN]
    ]
    if items:
        groups.append(
            TodoGroup(
                key="powers",
                label=_("权力清单调整"),
                url=reverse("powers_admin:list"),
                items=items[:SHOWN],
                count=pending.count() + returned.count(),
            )
        )
    decided = (
        visible_cases(user, PENALTY.code)
        .filter(state__in=AFTER_DECISION, publication__isnull=True, unit_id__in=role_unit_ids(user))
        .select_related("penalty")
    )
    waiting = []
    for case in decided[:SHOWN]:
        due = penalty_actions.publish_due(case.penalty.decided_on)
        waiting.append(
            TodoItem(
                title=case.title,
                url=reverse("powers_admin:publicity"),
                reference=case.receipt_number,
                next_step=_("双公示"),
                level="red" if due and today > due else "",
                due_on=due,
            )
        )
    if waiting:
        groups.append(
            TodoGroup(
                key="powers_publicity",
                label=_("待双公示的处罚决定"),
                url=reverse("powers_admin:publicity"),
                items=waiting,
                count=decided.count(),
            )
        )
    return groups
