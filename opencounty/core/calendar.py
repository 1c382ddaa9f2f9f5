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

from bisect import bisect_left
from dataclasses import dataclass, field
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


class _YearOrdinals:
    """One year's working days as a running count: `before[i]` is the number of working days
    among the first i days of the year (so `before[-1]` is the year's total)."""

    __slots__ = ("before", "first")

    def __init__(self, first: date, working: list[bool]) -> None:
        self.first = first
        running = [0]
        for is_working in working:
            running.append(running[-1] + is_working)
        self.before = running

    @property
    def total(self) -> int:
        return self.before[-1]

    def up_to(self, day: date) -> int:
        """Working days from the first of the year up to and including `day`."""
        return self.before[(day - self.first).days + 1]

    def nth_after(self, day: date, count: int) -> date | None:
        """The day on which the `count`-th working day after `day` falls (`day` counted as the
        day before the year when it lies in the previous year), or None past the year's end."""
        base = self.up_to(day) if day >= self.first else 0
        wanted = base + count
        if wanted > self.total:
            return None
        return self.first + timedelta(days=bisect_left(self.before, wanted) - 1)


@dataclass(frozen=True)
class WorkCalendar:
    """The holiday table as entered by the office, loaded once for many lookups.

    Counting is O(1): every year touched gets its working-day ordinals once (a running count
    over its days), so the working days between two dates are a difference of two ordinals
    plus whole years, and "n working days after" is a search in at most a few such arrays."""

    years: frozenset[int]  # entered years
    holidays: frozenset[date]
    makeup_days: frozenset[date]
    # year -> its ordinals, or the CalendarNotCovered it raises; filled on first use.
    _ordinals: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

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

    def is_countable(self, year: int) -> bool:
        """Whether the days of `year` can be counted at all (entered, or by the statutory rule)."""
        return year in self.years or statutory.FIRST_YEAR <= year <= statutory.LAST_YEAR

    def _year(self, year: int) -> _YearOrdinals:
        found = self._ordinals.get(year)
        if found is None:
            first = date(year, 1, 1)
            try:
                found = _YearOrdinals(
                    first,
                    [
                        self.is_working_day(first + timedelta(days=n))
                        for n in range((date(year + 1, 1, 1) - first).days)
                    ],
                )
            except CalendarNotCovered as exc:
                found = exc
            self._ordinals[year] = found
        if isinstance(found, CalendarNotCovered):
            raise CalendarNotCovered(year)
        return found

    def touches_provisional(self, first: date, last: date) -> bool:
        """Whether any day from `first` to `last` lies in a year not entered."""
        low, high = min(first, last), max(first, last)
        return any(year not in self.years for year in range(low.year, high.year + 1))

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (`start` itself when count is 0)."""
        if count < 0:
            raise ValueError("count must not be negative")
        if count == 0:
            return start
        limit = start + timedelta(days=MAX_SPAN_DAYS - 1)  # the last day the count may reach
        day, year = start, start.year if start < date(start.year, 12, 31) else start.year + 1
        while date(year, 1, 1) <= limit + timedelta(days=1) or year == start.year:
            ordinals = self._year(year)
            found = ordinals.nth_after(day, count)
            if found is not None:
                if found > limit:
                    break
                return found
            count -= ordinals.total - (ordinals.up_to(day) if day >= ordinals.first else 0)
            day, year = date(year, 12, 31), year + 1
        raise CalendarNotCovered((start + timedelta(days=MAX_SPAN_DAYS)).year)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        if (end - start).days > MAX_SPAN_DAYS:
            raise CalendarNotCovered(end.year)
        if end == start:
            return 0
        first = start + timedelta(days=1)
        if first.year == end.year:
            ordinals = self._year(end.year)
            return ordinals.up_to(end) - ordinals.before[(first - ordinals.first).days]
        head = self._year(first.year)
        count = head.total - head.before[(first - head.first).days]
        for year in range(first.year + 1, end.year):
            count += self._year(year).total
        return count + self._year(end.year).up_to(end)

    def countable_range(self, today: date) -> tuple[date, date]:
        """The first and last day `working_days_between(today, day)` can count: a day outside
        raises CalendarNotCovered (too far away, or across a year no rule covers)."""
        low = today - timedelta(days=MAX_SPAN_DAYS)
        year = today.year
        while year >= low.year and self.is_countable(year):
            year -= 1
        if year >= low.year:
            low = max(low, date(year, 12, 31))
        high = today + timedelta(days=MAX_SPAN_DAYS)
        year = (today + timedelta(days=1)).year
        while year <= high.year and self.is_countable(year):
            year += 1
        if year <= high.year:
            high = min(high, max(today, date(year - 1, 12, 31)))
        return min(low, today), high

    def overdue_before(self, today: date) -> date:
        """Due days before this one are overdue on `today` (a working day has passed since):
        the last working day up to `today`, or the first countable day when there is none."""
        low, _high = self.countable_range(today)
        day = today
        while day > low and not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

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
