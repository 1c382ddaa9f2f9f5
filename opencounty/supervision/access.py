"""Who supervises what: the county office and superusers see every unit, other staff their own."""

from __future__ import annotations

from django.db.models import QuerySet

from opencounty.cases.models import Case
from opencounty.core.access import sees_every_unit, visible_units
from opencounty.core.models import Unit


def supervised_units(user) -> QuerySet[Unit]:
    return visible_units(user)


def supervised_cases(user) -> QuerySet[Case]:
    if sees_every_unit(user):
        return Case.objects.all()
    return Case.objects.filter(unit__in=supervised_units(user))
