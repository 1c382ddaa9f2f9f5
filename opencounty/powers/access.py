"""Who may do what with the list of powers: the one place for these rules (architecture rule 4).

- A unit's handling staff draft and edit its own powers, and see only their own units'.
- A change goes public only when a reviewer approves it: a 审核人 or 单位管理员 of the owning
  unit, or the county office's handling staff (who see every unit's powers).
- Penalty cases follow the case engine's rules (the owning unit and the county office).
"""

from __future__ import annotations

from django.db.models import QuerySet

from opencounty.core.access import (
    HANDLING_ROLES,
    holds_office_role,
    holds_role,
    role_unit_ids,
    sees_every_unit,
    staff_units,
)
from opencounty.core.models import Role, Unit
from opencounty.powers.models import Power

REVIEWER_ROLES = (Role.REVIEWER, Role.UNIT_ADMINISTRATOR)


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated) and (
        sees_every_unit(user) or bool(role_unit_ids(user))
    )


def may_edit(user, unit: Unit) -> bool:
    """The unit's own staff (a township edits only its own powers)."""
    return holds_role(user, unit)


def may_review(user, power: Power) -> bool:
    if not (user and user.is_authenticated):
        return False
    return (
        user.is_superuser
        or holds_role(user, power.unit, REVIEWER_ROLES)
        or holds_office_role(user, HANDLING_ROLES)
    )


def visible_powers(user) -> QuerySet[Power]:
    if not (user and user.is_authenticated):
        return Power.objects.none()
    if sees_every_unit(user):
        return Power.objects.all()
    return Power.objects.filter(unit__in=staff_units(user))


def writable_units(user) -> list[Unit]:
    if not (user and user.is_authenticated):
        return []
    return list(staff_units(user).order_by("kind", "order", "code"))
