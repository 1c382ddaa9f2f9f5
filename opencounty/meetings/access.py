"""Who may do what with video conferences: the one place for these rules (architecture rule 4).

- A unit's handling staff apply for conferences of their unit and see only their unit's
  applications (and the calendar's occupancy of rooms, without other units' details).
- The county office's handling staff (and superusers) see every application, approve or refuse,
  edit rooms, assign technical staff and record what happened after the meeting.
- Technical staff are handling staff of the county office; the one a checklist is assigned to
  keeps it (the office may too) and sees that conference.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from opencounty.core.access import HANDLING_ROLES, holds_role, sees_every_unit, staff_units
from opencounty.core.models import Unit
from opencounty.meetings.models import Conference


def is_office(user) -> bool:
    return sees_every_unit(user)


def may_apply(user, unit: Unit | None) -> bool:
    return unit is not None and holds_role(user, unit)


def applicant_units(user) -> list[Unit]:
    if not (user and user.is_authenticated):
        return []
    return list(staff_units(user).order_by("kind", "order", "code"))


def is_meetings_staff(user) -> bool:
    return bool(user and user.is_authenticated) and (is_office(user) or bool(applicant_units(user)))


def visible_conferences(user) -> QuerySet[Conference]:
    if not (user and user.is_authenticated):
        return Conference.objects.none()
    if is_office(user):
        return Conference.objects.all()
    return Conference.objects.filter(
        Q(unit__in=staff_units(user)) | Q(checklist__technician=user)
    ).distinct()


def may_see(user, conference: Conference) -> bool:
    return visible_conferences(user).filter(pk=conference.pk).exists()


def may_keep_checklist(user, conference: Conference) -> bool:
    if is_office(user):
        return True
    checklist = getattr(conference, "checklist", None)
    return bool(checklist and user and checklist.technician_id == user.pk)


def may_withdraw(user, conference: Conference) -> bool:
    return holds_role(user, conference.unit) or is_office(user)


def may_subscribe(user, room) -> bool:
    """Who is shown a room's calendar-feed address (which carries its secret): the office, and
    the staff of the unit the room belongs to."""
    return is_office(user) or (room.unit_id is not None and holds_role(user, room.unit))


def technicians():
    """The county office's handling staff, from whom the office picks a checklist's technician."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__unit_role__unit__kind=Unit.Kind.COUNTY_OFFICE,
            groups__unit_role__role__in=HANDLING_ROLES,
        )
        .distinct()
        .order_by("username")
    )
