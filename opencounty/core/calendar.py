"""The one clock: working days by the official holiday table.

A working day is a Monday-to-Friday that is not an official holiday, or a
make-up working day (调休, usually a Saturday or Sunday). Counting follows the
disclosure regulation: the day an event happens is not counted, and a period of
N working days ends at the close of the Nth working day after it.

A year the office has not entered yet is counted provisionally: weekends and the
statutory holidays with their days in lieu (`core.statutory`), no guessed 调休.
Every count says whether it touched such a year, so that a date built on it is
stored and shown as provisional (暂定) and derived again once the year is entered.
Only a year outside the statutory rule (before 2014 or far in the future) cannot be
counted at all: that raises `CalendarNotCovered`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.dispatch import Signal
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.core import statutory
from opencounty.core.models import CalendarDay, CalendarYear

# Longer than any statutory period (20 + 20 working days plus pauses); stops runaway loops.
MAX_SPAN_DAYS = 3 * 366


class CalendarNotCovered(LookupError):
    """A date in a year that is neither entered nor countable by the statutory rule."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(_("%(year)s年不在工作日历可计算的范围内，请核对日期。") % {"year": year})


@dataclass(frozen=True)
class Count:
    """A date or a number of working days, and whether it rests on a provisional year."""

    value: date | int
    provisional: bool


@dataclass(frozen=True)
class WorkCalendar:
    """The holiday table as entered by the office, loaded once for many lookups."""

    years: frozenset[int]  # entered years
    holidays: frozenset[date]
    makeup_days: frozenset[date]

    @classmethod
    def load(cls, first_year: int | None = None, last_year: int | None = None) -> WorkCalendar:
        """The entered years between the two given (all of them by default): a few hundred rows."""
        years = CalendarYear.objects.all()
        days = CalendarDay.objects.all()
        if first_year is not None and last_year is not None:
            years = years.filter(year__range=(first_year, last_year))
            days = days.filter(date__year__gte=first_year - 1, date__year__lte=last_year + 1)
        holidays, makeups = set(), set()
        for day, kind in days.values_list("date", "kind"):
            (holidays if kind == CalendarDay.Kind.HOLIDAY else makeups).add(day)
        return cls(
            frozenset(years.values_list("year", flat=True)), frozenset(holidays), frozenset(makeups)
        )

    def is_entered(self, year: int) -> bool:
        return year in self.years

    def is_working_day(self, day: date) -> bool:
        if day.year in self.years:
            if day in self.makeup_days:
                return True
            return day.weekday() < 5 and day not in self.holidays
        try:
            days_off = statutory.provisional_days_off(day.year)
        except statutory.OutsideStatutoryRule:
            raise CalendarNotCovered(day.year) from None
        return day.weekday() < 5 and day not in days_off

    def touches_provisional(self, first: date, last: date) -> bool:
        """Whether any day from `first` to `last` lies in a year not entered."""
        low, high = min(first, last), max(first, last)
        return any(year not in self.years for year in range(low.year, high.year + 1))

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
        raise CalendarNotCovered(day.year)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        if (end - start).days > MAX_SPAN_DAYS:
            raise CalendarNotCovered(end.year)
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )

    def due(self, start: date, count: int) -> Count:
        """The end of a period of `count` working days from `start`, marked when provisional."""
        end = self.add_working_days(start, count)
        return Count(end, count > 0 and self.touches_provisional(start + timedelta(days=1), end))


def load() -> WorkCalendar:
    return WorkCalendar.load()


def is_working_day(day: date) -> bool:
    return WorkCalendar.load(day.year, day.year).is_working_day(day)


def add_working_days(start: date, count: int) -> date:
    """The date on which a period of `count` working days from `start` ends."""
    # Statutory periods stay well inside a year and a half; load two years ahead.
    return WorkCalendar.load(start.year, start.year + 2).add_working_days(start, count)


def due(start: date, count: int) -> Count:
    """`add_working_days`, with the provisional mark."""
    return WorkCalendar.load(start.year, start.year + 2).due(start, count)


def working_days_between(start: date, end: date) -> int:
    first, last = min(start, end), max(start, end)
    return WorkCalendar.load(first.year, last.year).working_days_between(start, end)


def is_provisional(due: date, start: date | None = None) -> bool:
    """Whether a deadline counted from the day after `start` (or on its own day) to `due`
    touches a year the office has not entered yet (暂定)."""
    first = start + timedelta(days=1) if start is not None and start < due else due
    years = set(range(first.year, due.year + 1))
    return not years <= set(
        CalendarYear.objects.filter(year__in=years).values_list("year", flat=True)
    )


PROVISIONAL_NOTE = gettext_lazy("（暂定，以国务院公布的节假日安排为准）")


def coverage_warning(today: date) -> str | None:
    """A message for staff when this year's or next year's schedule has not been entered."""
    covered = set(
        CalendarYear.objects.filter(year__in=[today.year, today.year + 1]).values_list(
            "year", flat=True
        )
    )
    if today.year not in covered:
        return _(
            "%(year)s年的节假日安排尚未录入：今年的办理期限均为暂定（按法定节假日推算，未含调休），请尽快录入国务院办公厅的通知。"
        ) % {"year": today.year}
    if today.month >= 11 and today.year + 1 not in covered:
        return _(
            "%(year)s年的节假日安排尚未录入：跨入%(year)s年的办理期限为暂定（按法定节假日推算，未含调休），国务院办公厅的通知公布后请及时录入，期限将自动重算。"
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


# Sent (inside the changing transaction) after the holiday table changed, with `since` (the
# earliest day whose status may have changed), `reason` and `actor`. The case engine derives
# its open deadlines again and returns its Recalculation.
holiday_table_changed = Signal()
