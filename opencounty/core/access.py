"""Who works where, and who sees which units. The one place for these rules
(architecture rule 4).

Staff who handle content and cases hold a *handling* role (信息员, 审核人, 单位管理员,
电子政务办审核人) in a unit; the county e-government office's handling staff (and
superusers) see every unit. The three separated administrators (系统/安全/审计管理员) hold
roles in the county office too, but they handle nothing: no case, no citizen's data, no
page (三员分立; they have their own screens by model permission).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from opencounty.core.models import Role, Unit, UnitGroup

HANDLING_ROLES = frozenset(
    {Role.INFORMATION_OFFICER, Role.REVIEWER, Role.UNIT_ADMINISTRATOR, Role.HEADLINE_REVIEWER}
)
ADMINISTRATOR_ROLES = frozenset(
    {Role.SYSTEM_ADMINISTRATOR, Role.SECURITY_ADMINISTRATOR, Role.AUDIT_ADMINISTRATOR}
)


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def _roles(user) -> tuple[dict[int, frozenset[str]], frozenset[str]]:
    """(roles per unit id, roles in the county office), read once per user object (a request's
    user lives one request; `core.actions.assign_role` clears it)."""
    cached = getattr(user, "_opencounty_roles", None)
    if cached is None:
        per_unit: dict[int, set[str]] = {}
        office: set[str] = set()
        links = UnitGroup.objects.filter(group__user=user).values_list(
            "unit_id", "role", "unit__kind"
        )
        for unit_id, role, kind in links:
            per_unit.setdefault(unit_id, set()).add(role)
            if kind == Unit.Kind.COUNTY_OFFICE:
                office.add(role)
        cached = ({k: frozenset(v) for k, v in per_unit.items()}, frozenset(office))
        user._opencounty_roles = cached
    return cached


def forget_roles(user) -> None:
    """Drop the roles read for this user object (after its roles changed)."""
    if hasattr(user, "_opencounty_roles"):
        del user._opencounty_roles


def holds_role(user, unit: Unit, roles: Iterable[str] = HANDLING_ROLES) -> bool:
    """Whether the user holds one of `roles` (a handling role by default) in `unit`."""
    return holds_role_in(user, unit.pk if unit is not None else None, roles)


def holds_role_in(user, unit_id: int | None, roles: Iterable[str] = HANDLING_ROLES) -> bool:
    """`holds_role` by the unit's id (a row's `unit_id`, without reading the unit)."""
    if not _signed_in(user) or unit_id is None:
        return False
    return bool(_roles(user)[0].get(unit_id, frozenset()) & set(roles))


def role_unit_ids(user, roles: Iterable[str] = HANDLING_ROLES) -> frozenset[int]:
    """The ids of the units the user holds one of `roles` in (`staff_units` by default),
    from the roles read once per user object: for conditions and loops without a query."""
    if not _signed_in(user):
        return frozenset()
    wanted = set(roles)
    return frozenset(unit_id for unit_id, held in _roles(user)[0].items() if held & wanted)


def holds_office_role(user, roles: Iterable[str]) -> bool:
    """Whether the user holds one of `roles` in the county e-government office."""
    return _signed_in(user) and bool(_roles(user)[1] & set(roles))


def is_unit_staff(user) -> bool:
    """Whether the user handles content or cases for some unit (or is a superuser): the
    handling screens and menus are theirs. The three administrators are not."""
    return _signed_in(user) and (
        user.is_superuser or any(roles & HANDLING_ROLES for roles in _roles(user)[0].values())
    )


def is_administrator(user) -> bool:
    """One of the three separated administrators (and nothing else)."""
    return _signed_in(user) and bool(_roles(user)[1] & ADMINISTRATOR_ROLES)


def sees_every_unit(user) -> bool:
    """Superusers and the county office's handling staff, who supervise every unit."""
    return _signed_in(user) and (user.is_superuser or holds_office_role(user, HANDLING_ROLES))


def works_for(user, unit: Unit) -> bool:
    """Handling staff of the unit, and the county office (which supervises every unit)."""
    return holds_role(user, unit) or sees_every_unit(user)


def staff_units(user) -> QuerySet[Unit]:
    """The units the user holds a handling role in."""
    return Unit.objects.filter(
        role_groups__group__user=user, role_groups__role__in=HANDLING_ROLES
    ).distinct()


def visible_units(user) -> QuerySet[Unit]:
    return Unit.objects.all() if sees_every_unit(user) else staff_units(user)
