"""Duty rosters read for the desk: who is on duty now, the days nobody is, and how each day
is marked in the holiday table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from opencounty.core.models import CalendarDay, Unit
from opencounty.emergency.models import DutyShift


@dataclass(frozen=True)
class Day:
    day: date
    label: str  # 法定节假日 name, 调休上班, 周末 or ""
    rest: bool  # a day off: holidays and weekends not made up


def days(first: date, count: int) -> list[Day]:
    """`count` days from `first`, each marked from the holiday table."""
    last = first + timedelta(days=count - 1)
    marks = {row.date: row for row in CalendarDay.objects.filter(date__gte=first, date__lte=last)}
    result = []
    for offset in range(count):
        day = first + timedelta(days=offset)
        mark = marks.get(day)
        if mark is not None and mark.kind == CalendarDay.Kind.HOLIDAY:
            result.append(Day(day, mark.name or _("法定节假日"), True))
        elif mark is not None:
            result.append(Day(day, _("调休上班"), False))
        elif day.weekday() >= 5:
            result.append(Day(day, _("周末"), True))
        else:
            result.append(Day(day, "", False))
    return result


def on_duty(units: Iterable[Unit], day: date) -> dict[int, DutyShift]:
    """Each unit's shift on `day` (units without one are missing)."""
    return {
        shift.unit_id: shift for shift in DutyShift.objects.filter(unit__in=list(units), day=day)
    }


def gaps(units: Iterable[Unit], first: date, count: int) -> list[tuple[Unit, date]]:
    """(unit, day) for every day from `first` on (`count` days) when the unit has nobody on
    duty: no shift, or a shift without a staff member."""
    units = list(units)
    last = first + timedelta(days=count - 1)
    staffed = set(
        DutyShift.objects.filter(unit__in=units, day__gte=first, day__lte=last)
        .exclude(staff_name="")
        .values_list("unit_id", "day")
    )
    return [
        (unit, first + timedelta(days=offset))
        for unit in units
        for offset in range(count)
        if (unit.pk, first + timedelta(days=offset)) not in staffed
    ]
