"""The one clock: working days by the official holiday table.

A working day is a Monday-to-Friday that is not an official holiday, or a
make-up working day (调休, usually a Saturday or Sunday). Counting follows the
disclosure regulation: the day an event happens is not counted, and a period of
N working days ends at the close of the Nth working day after it. Years the
office has not entered raise `CalendarNotCovered` instead of being guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from opencounty.core.models import CalendarDay, CalendarYear

# Longer than any statutory period (20 + 20 working days plus pauses); stops runaway loops.
MAX_SPAN_DAYS = 3 * 366


class CalendarNotCovered(LookupError):
    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            _("%(year)s年的节假日安排尚未录入工作日历，无法计算工作日期限。") % {"year": year}
        )


@dataclass(frozen=True)
class WorkCalendar:
    """The holiday table for a range of years, loaded once for many lookups."""

    years: frozenset[int]
    holidays: frozenset[date]
    makeup_days: frozenset[date]

    @classmethod
    def load(cls, first_year: int, last_year: int) -> WorkCalendar:
        years = frozenset(
            CalendarYear.objects.filter(year__range=(first_year, last_year)).values_list(
                "year", flat=True
            )
        )
        days = CalendarDay.objects.filter(date__year__gte=first_year, date__year__lte=last_year)
        holidays, makeups = set(), set()
        for day, kind in days.values_list("date", "kind"):
            (holidays if kind == CalendarDay.Kind.HOLIDAY else makeups).add(day)
        return cls(years, frozenset(holidays), frozenset(makeups))

    def is_working_day(self, day: date) -> bool:
        if day.year not in self.years:
            raise CalendarNotCovered(day.year)
        if day in self.makeup_days:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: date, count: int) -> date:
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        for _step in range(MAX_SPAN_DAYS):
            if count == 0:
                return day
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        raise ValueError("period too long for the working-day calendar")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        if (end - start).days > MAX_SPAN_DAYS:
            raise ValueError("period too long for the working-day calendar")
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )


def _calendar_for(first: date, last: date) -> WorkCalendar:
    return WorkCalendar.load(first.year, last.year)


def is_working_day(day: date) -> bool:
    return _calendar_for(day, day).is_working_day(day)


def add_working_days(start: date, count: int) -> date:
    """The date on which a period of `count` working days from `start` ends."""
    # Statutory periods stay well inside a year and a half; load two years ahead.
    return WorkCalendar.load(start.year, start.year + 2).add_working_days(start, count)


def working_days_between(start: date, end: date) -> int:
    return _calendar_for(min(start, end), max(start, end)).working_days_between(start, end)


def coverage_warning(today: date) -> str | None:
    """A message for staff when this year's or next year's holiday schedule is missing."""
    covered = set(
        CalendarYear.objects.filter(year__in=[today.year, today.year + 1]).values_list(
            "year", flat=True
        )
    )
    if today.year not in covered:
        return _("%(year)s年的节假日安排尚未录入工作日历，所有工作日期限暂停计算，请尽快录入。") % {
            "year": today.year
        }
    if today.month >= 11 and today.year + 1 not in covered:
        return _(
            "%(year)s年的节假日安排尚未录入工作日历；跨年的工作日期限将无法计算，请在国务院公布后及时录入。"
        ) % {"year": today.year + 1}
    return None


def seed_from_chinesecalendar(year_model=CalendarYear, day_model=CalendarDay) -> list[int]:
    """Enter every year the chinesecalendar package knows; years already entered are left alone.

    The seed migration passes its historical models; everything else uses the defaults.
    """
    import chinese_calendar

    chinese_names = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}
    known = {day.year for day in chinese_calendar.holidays} & {
        day.year for day in chinese_calendar.workdays
    }
    existing = set(year_model.objects.values_list("year", flat=True))
    added = []
    for year in sorted(known - existing):
        days = [
            day_model(
                date=day, kind=CalendarDay.Kind.HOLIDAY, name=chinese_names.get(name, str(name))
            )
            for day, name in chinese_calendar.holidays.items()
            if day.year == year and day.weekday() < 5
        ] + [
            day_model(
                date=day,
                kind=CalendarDay.Kind.MAKEUP_WORKDAY,
                name=chinese_names.get(name, str(name)),
            )
            for day, name in chinese_calendar.workdays.items()
            if day.year == year
        ]
        day_model.objects.bulk_create(days, ignore_conflicts=True)
        year_model.objects.create(
            year=year, source=f"chinesecalendar {chinese_calendar.__version__}"
        )
        added.append(year)
    return added
