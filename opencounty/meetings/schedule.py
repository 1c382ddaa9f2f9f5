"""Reading conferences by date: the staff calendar (month and week), today's conferences and the
statistics per year. Dates are days in Asia/Shanghai."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Prefetch
from django.utils import timezone

from opencounty.meetings.models import Attendance, Conference, Room

State = Conference.State
FIRST_YEAR, LAST_YEAR = 2000, 2100


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def on_days(first: date, last: date, states=(State.PENDING, State.APPROVED)):
    """Conferences in `states` that take place (in part) between the two days, inclusive."""
    return (
        Conference.objects.filter(
            state__in=states,
            start__lt=local_midnight(last + timedelta(days=1)),
            end__gt=local_midnight(first),
        )
        .select_related("unit")
        .prefetch_related(Prefetch("rooms", queryset=Room.objects.order_by("order", "name")))
        .order_by("start")
    )


@dataclass
class Day:
    day: date
    in_month: bool = True
    conferences: list = field(default_factory=list)


def _days_of(conferences, days: list[Day]) -> list[Day]:
    index = {d.day: d for d in days}
    for conference in conferences:
        first = timezone.localtime(conference.start).date()
        last = timezone.localtime(conference.end - timedelta(microseconds=1)).date()
        day = first
        while day <= last:
            if day in index:
                index[day].conferences.append(conference)
            day += timedelta(days=1)
    return days


def month(year: int, month_number: int) -> list[list[Day]]:
    """The month's weeks (Monday first), each a list of seven days with their conferences."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    days = [Day(d, d.month == month_number) for week in weeks for d in week]
    _days_of(on_days(days[0].day, days[-1].day), days)
    return [days[i : i + 7] for i in range(0, len(days), 7)]


def week(any_day: date) -> list[Day]:
    monday = any_day - timedelta(days=any_day.weekday())
    days = [Day(monday + timedelta(days=i)) for i in range(7)]
    return _days_of(on_days(days[0].day, days[-1].day), days)


def today(day: date):
    return on_days(day, day, states=(State.APPROVED,)).select_related(
        "checklist", "checklist__technician"
    )


@dataclass
class YearFigures:
    year: int
    conferences: int = 0
    sites: int = 0
    hours: float = 0.0
    months: list[tuple[int, int, int, float]] = field(default_factory=list)  # month, n, sites, h


def statistics(year: int, now: datetime) -> YearFigures:
    """Conferences held in the year (approved and ended by `now`): how many, sites joined and
    hours. Sites joined count the attendance recorded after the meeting; where none was
    recorded, the rooms booked."""
    held = (
        Conference.objects.filter(
            state=State.APPROVED,
            start__gte=local_midnight(date(year, 1, 1)),
            start__lt=local_midnight(date(year + 1, 1, 1)),
            end__lte=now,
        )
        .annotate(booked=Count("rooms", distinct=True))
        .order_by("start")
    )
    joined: dict[int, int] = {}
    recorded: set[int] = set()
    for conference_id, was_joined in Attendance.objects.filter(conference__in=held).values_list(
        "conference_id", "joined"
    ):
        recorded.add(conference_id)
        joined[conference_id] = joined.get(conference_id, 0) + (1 if was_joined else 0)
    figures = YearFigures(year)
    per_month = {m: [0, 0, 0.0] for m in range(1, 13)}
    for conference in held:
        sites = joined.get(conference.pk, 0) if conference.pk in recorded else conference.booked
        row = per_month[timezone.localtime(conference.start).month]
        row[0] += 1
        row[1] += sites
        row[2] += conference.hours
    figures.months = [(m, n, s, round(h, 1)) for m, (n, s, h) in per_month.items()]
    figures.conferences = sum(n for _m, n, _s, _h in figures.months)
    figures.sites = sum(s for _m, _n, s, _h in figures.months)
    figures.hours = round(sum(row[2] for row in per_month.values()), 1)
    return figures
