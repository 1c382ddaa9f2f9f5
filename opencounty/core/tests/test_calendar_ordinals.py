"""The working-day ordinals count exactly as walking the calendar one day at a time does:
the same numbers, the same end days, the same refusals (with the same year named), across
entered years, provisional years, a gap no rule covers and the end of the statutory rule."""

import random
from datetime import date, timedelta

import pytest

from opencounty.core import statutory
from opencounty.core.calendar import MAX_SPAN_DAYS, CalendarNotCovered, WorkCalendar

# 2012 entered by hand (before the statutory rule), 2013 a gap no rule covers, 2024-2026
# entered with a few holidays and make-up days, everything else from 2014 provisional.
HOLIDAYS = {date(2026, 10, d) for d in range(1, 9)} | {date(2012, 5, 1), date(2025, 12, 31)}
MAKEUPS = {date(2026, 10, 10), date(2026, 9, 27), date(2012, 4, 28), date(2025, 1, 4)}
CALENDAR = WorkCalendar(
    frozenset({2012, 2024, 2025, 2026}), frozenset(HOLIDAYS), frozenset(MAKEUPS)
)


def walked_between(cal: WorkCalendar, start: date, end: date) -> int:
    """The day-by-day count the ordinals replace."""
    if end < start:
        return -walked_between(cal, end, start)
    if (end - start).days > MAX_SPAN_DAYS:
        raise CalendarNotCovered(end.year)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if cal.is_working_day(start + timedelta(days=offset))
    )


def walked_add(cal: WorkCalendar, start: date, count: int) -> date:
    day = start
    for _step in range(MAX_SPAN_DAYS):
        if count == 0:
            return day
        day += timedelta(days=1)
        if cal.is_working_day(day):
            count -= 1
    raise CalendarNotCovered(day.year)


def outcome(func, *args):
    try:
        return func(*args)
    except CalendarNotCovered as exc:
        return ("refused", exc.year)


def random_day(rng: random.Random) -> date:
    anchor = rng.choice(
        [
            date(2012, 6, 1),
            date(2014, 1, 1),
            date(2026, 10, 1),
            date(2199, 6, 1),
            date(2025, 12, 31),
        ]
    )
    return anchor + timedelta(days=rng.randint(-900, 900))


@pytest.mark.parametrize("seed", range(4))
def test_counting_between_two_days_agrees_with_walking_the_calendar(seed):
    rng = random.Random(seed)
    cal = WorkCalendar(CALENDAR.years, CALENDAR.holidays, CALENDAR.makeup_days)
    for _ in range(400):
        start = random_day(rng)
        end = start + timedelta(
            days=rng.choice([0, 1, 2, 7, 40, 400, MAX_SPAN_DAYS, MAX_SPAN_DAYS + 1])
            * rng.choice([1, -1])
        )
        assert outcome(cal.working_days_between, start, end) == outcome(
            walked_between, cal, start, end
        ), (start, end)


@pytest.mark.parametrize("seed", range(4))
def test_adding_working_days_agrees_with_walking_the_calendar(seed):
    rng = random.Random(100 + seed)
    cal = WorkCalendar(CALENDAR.years, CALENDAR.holidays, CALENDAR.makeup_days)
    for _ in range(300):
        start = random_day(rng)
        count = rng.choice([0, 1, 2, 3, 10, 15, 20, 40, 300, 700, 780, 800])
        assert outcome(cal.add_working_days, start, count) == outcome(
            walked_add, cal, start, count
        ), (start, count)


def test_a_period_ends_on_a_make_up_saturday_and_skips_the_holiday_week():
    assert CALENDAR.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 9)
    assert CALENDAR.add_working_days(date(2026, 10, 9), 1) == date(2026, 10, 10)
    assert CALENDAR.working_days_between(date(2026, 9, 30), date(2026, 10, 10)) == 2
    assert CALENDAR.working_days_between(date(2026, 10, 10), date(2026, 9, 30)) == -2


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 11, 10),
        date(2014, 1, 1),
        date(2013, 12, 31),
        date(2013, 6, 1),
        date(2012, 12, 31),
        date(2199, 12, 31),
        date(2198, 3, 1),
    ],
)
def test_the_countable_range_is_exactly_where_counting_from_today_succeeds(today):
    low, high = CALENDAR.countable_range(today)
    for day in (low, high, today):
        CALENDAR.working_days_between(today, day)  # does not raise
    for day in (low - timedelta(days=1), high + timedelta(days=1)):
        with pytest.raises(CalendarNotCovered):
            walked_between(CALENDAR, today, day)


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 10, 1),
        date(2026, 10, 10),
        date(2026, 10, 11),
        date(2026, 10, 12),
        date(2014, 1, 1),
    ],
)
def test_overdue_before_is_the_day_from_which_a_due_day_is_not_yet_overdue(today):
    low, high = CALENDAR.countable_range(today)
    threshold = CALENDAR.overdue_before(today)
    day = max(low, today - timedelta(days=30))
    while day <= today:
        overdue = walked_between(CALENDAR, today, day) < 0
        assert overdue == (day < threshold), (today, day)
        day += timedelta(days=1)


def test_the_statutory_rule_ends_where_the_ordinals_stop():
    assert not CALENDAR.is_countable(statutory.LAST_YEAR + 1)
    with pytest.raises(CalendarNotCovered) as refused:
        CALENDAR.working_days_between(date(2199, 12, 1), date(2200, 1, 3))
    assert refused.value.year == 2200
