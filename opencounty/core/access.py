"""Who works where, and who sees which units: the county e-government office (and
superusers) sees every unit, other staff the units they hold a role in. The one place
for these rules (architecture rule 4)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from opencounty.core.models import Unit, UnitGroup


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def holds_role(user, unit: Unit, roles: Iterable[str] | None = None) -> bool:
    """Whether the user holds a role (one of `roles`, or any) in `unit`."""
    if not _signed_in(user):
        return False
    links = UnitGroup.objects.filter(group__user=user, unit=unit)
    if roles is not None:
        links = links.filter(role__in=list(roles))
    return links.exists()


def holds_office_role(user, roles: Iterable[str]) -> bool:
    """Whether the user holds one of `roles` in the county e-government office."""
    return (
        _signed_in(user)
        and UnitGroup.objects.filter(
            group__user=user, unit__kind=Unit.Kind.COUNTY_OFFICE, role__in=list(roles)
        ).exists()
    )


def is_unit_staff(user) -> bool:
    """Whether the user works for any unit (or is a superuser): the staff screens are theirs."""
    return _signed_in(user) and (
        user.is_superuser or UnitGroup.objects.filter(group__user=user).exists()
    )


def sees_every_unit(user) -> bool:
    return _signed_in(user) and (
        user.is_superuser
        or UnitGroup.objects.filter(group__user=user, unit__kind=Unit.Kind.COUNTY_OFFICE).exists()
    )


def works_for(user, unit: Unit) -> bool:
    """Staff of the unit, and the county office (which supervises every unit)."""
    return holds_role(user, unit) or sees_every_unit(user)


def staff_units(user) -> QuerySet[Unit]:
    """The units the user holds a role in."""
    return Unit.objects.filter(role_groups__group__user=user).distinct()


def visible_units(user) -> QuerySet[Unit]:
    return Unit.objects.all() if sees_every_unit(user) else staff_units(user)
