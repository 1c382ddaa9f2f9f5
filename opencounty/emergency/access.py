"""Who may do what in emergency duty: the one place for these rules (architecture rule 4).

- The county office (its handling staff, and superusers) runs the duty desk: it publishes and
  lifts public warnings, sees every unit's rosters, contacts and incidents, records leaders'
  instructions and exports 信息专报.
- A unit's handling staff keep their own unit's roster, handover notes, contacts and plans,
  and report their own unit's incidents; they never see another unit's.
"""

from __future__ import annotations

from django.db.models import QuerySet

from opencounty.core.access import is_unit_staff, sees_every_unit, staff_units, works_for
from opencounty.core.models import Unit


def is_office(user) -> bool:
    return sees_every_unit(user)


def is_staff(user) -> bool:
    return is_unit_staff(user)


def may_keep(user, unit: Unit) -> bool:
    """Keep the unit's roster, notes, contacts and plans; report its incidents."""
    return works_for(user, unit)


def units_for(user) -> QuerySet[Unit]:
    """The units whose duty data the user sees."""
    units = Unit.objects.all() if is_office(user) else staff_units(user)
    return units.order_by("kind", "order", "code")
