"""Who sees which units: the county e-government office (and superusers) sees every unit,
other staff the units they hold a role in. The one place for this rule (architecture rule 4)."""

from __future__ import annotations

from django.db.models import QuerySet

from opencounty.core.models import Unit, UnitGroup


def sees_every_unit(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and (
            user.is_superuser
            or UnitGroup.objects.filter(
                group__user=user, unit__kind=Unit.Kind.COUNTY_OFFICE
            ).exists()
        )
    )


def staff_units(user) -> QuerySet[Unit]:
    """The units the user holds a role in."""
    return Unit.objects.filter(role_groups__group__user=user).distinct()


def visible_units(user) -> QuerySet[Unit]:
    return Unit.objects.all() if sees_every_unit(user) else staff_units(user)
