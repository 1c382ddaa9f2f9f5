"""The case clock, derived from its start, limit, extensions and pauses through core.calendar,
and the one colour rule (yellow: due within the warning window; red: overdue).

Every function takes an optional preloaded `WorkCalendar`, so that a list of cases reads
the holiday table once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from opencounty.cases.kinds import CALENDAR_DAYS
from opencounty.core import calendar
from opencounty.core.calendar import Count, WorkCalendar

RED, YELLOW = "red", "yellow"


def _calendar(work_calendar: WorkCalendar | None) -> WorkCalendar:
    return work_calendar if work_calendar is not None else calendar.load()


def _pauses(case) -> list:
    return list(case.pauses.all())


def is_paused(case) -> bool:
    return any(pause.ended_on is None for pause in _pauses(case))


def paused_working_days(case, work_calendar: WorkCalendar | None = None) -> int:
    cal = _calendar(work_calendar)
    return sum(
        cal.working_days_between(pause.started_on, pause.ended_on)
        for pause in _pauses(case)
        if pause.ended_on is not None
    )


def derive_due_at(case) -> datetime | None:
    """The moment a minute clock's period ends (start + limit + extensions, in minutes);
    None for other clocks, or while it has not started or has no limit."""
    if not case.case_kind.counts_minutes:
        return None
    if case.clock_started_at is None or case.time_limit == 0:
        return None
    extended = sum(extension.days for extension in case.extensions.all())
    return case.clock_started_at + timedelta(minutes=case.time_limit + extended)


def _calendar_days_due(case, cal: WorkCalendar) -> Count:
    """A period of calendar days (extensions and pauses count as calendar days too); when
    its last day is not a working day the period ends on the next working day."""
    extended = sum(extension.days for extension in case.extensions.all())
    paused = sum(
        (pause.ended_on - pause.started_on).days
        for pause in _pauses(case)
        if pause.ended_on is not None
    )
    end = case.clock_started_on + timedelta(days=case.time_limit + extended + paused)
    last = end
    while not cal.is_working_day(end):
        end += timedelta(days=1)
    return Count(end, cal.touches_provisional(last, end))


def derive_due(case, work_calendar: WorkCalendar | None = None) -> Count | None:
    """The last day of the period and whether it rests on a provisional year; None while the
    clock has not started, has no limit, or is paused. A minute clock's day is the local
    day of its `due_at`."""
    kind = case.case_kind
    if kind.counts_minutes:
        due_at = derive_due_at(case)
        return Count(timezone.localdate(due_at), False) if due_at else None
    if case.clock_started_on is None or case.time_limit == 0 or is_paused(case):
        return None
    cal = _calendar(work_calendar)
    if kind.clock_unit == CALENDAR_DAYS:
        return _calendar_days_due(case, cal)
    extended = sum(extension.days for extension in case.extensions.all())
    return cal.due(
        case.clock_started_on, case.time_limit + extended + paused_working_days(case, cal)
    )


def remaining_minutes(case, now: datetime | None = None) -> int | None:
    """Whole minutes left on a minute clock (negative when overdue); None without one."""
    if case.due_at is None:
        return None
    seconds = (case.due_at - (now or timezone.now())).total_seconds()
    return int(seconds // 60)


def remaining_working_days(
    case, today: date, work_calendar: WorkCalendar | None = None
) -> int | None:
    """Working days left (0 on the due day, negative when overdue)."""
    if case.due_on is None:
        return None
    return _calendar(work_calendar).working_days_between(today, case.due_on)


def is_answered(case) -> bool:
    """Answered (or closed): the deadline has been met or missed for good; no more warnings."""
    return case.closed_at is not None or case.replied_at is not None


def level(remaining: int | None, warning_days: int) -> str | None:
    """The colour rule on a count already made: red once a working day has passed after the
    due day, yellow from `warning_days` working days before it."""
    if remaining is None:
        return None
    if remaining < 0:
        return RED
    if remaining <= warning_days:
        return YELLOW
    return None


def deadline_level(
    due_on: date | None, today: date, warning_days: int, work_calendar: WorkCalendar | None = None
) -> str | None:
    """The colour of any deadline (a case's, or a part of one such as a joint step's)."""
    if due_on is None:
        return None
    try:
        remaining = _calendar(work_calendar).working_days_between(today, due_on)
    except calendar.CalendarNotCovered:
        return None
    return level(remaining, warning_days)


def minute_level(due_at: datetime | None, now: datetime, warning_minutes: int) -> str | None:
    """The colour rule of a minute clock: red once `due_at` has passed, yellow within
    `warning_minutes` of it."""
    if due_at is None:
        return None
    if now > due_at:
        return RED
    if now >= due_at - timedelta(minutes=warning_minutes):
        return YELLOW
    return None


def warning_level(
    case,
    today: date,
    work_calendar: WorkCalendar | None = None,
    *,
    now: datetime | None = None,
) -> str | None:
    """ "red" when overdue, "yellow" within the kind's warning window, else None; nothing
    once the case is answered. A minute clock is coloured at `now` (default: this moment)."""
    if is_answered(case):
        return None
    kind = case.case_kind
    if kind.counts_minutes:
        return minute_level(case.due_at, now or timezone.now(), kind.warning_window)
    return deadline_level(case.due_on, today, kind.warning_window, work_calendar)


UNCOUNTED = "uncounted"


@dataclass(frozen=True)
class LevelBounds:
    """The colour rule on one day, turned into due-day bounds so that a database can colour,
    count and order thousands of deadlines in one query: on `today`, a due day

    - outside `first_countable`..`last_countable` cannot be counted (UNCOUNTED);
    - before `overdue_before` is red (a working day has passed since it);
    - before `warning_before[n]` is yellow for a warning window of n working days;
    - else has no colour.

    Worked out once from the preloaded calendar; `level_of` is the same rule in Python and
    agrees with `deadline_level` for every day, `conditions` the same rule for a database
    (supervision/tests/test_at_scale.py and test_colours.py compare them day by day)."""

    today: date
    first_countable: date
    last_countable: date
    overdue_before: date
    warning_before: dict[int, date]

    @classmethod
    def on(
        cls, today: date, warning_windows: Iterable[int], work_calendar: WorkCalendar | None = None
    ) -> LevelBounds:
        cal = _calendar(work_calendar)
        first, last = cal.countable_range(today)
        warning_before = {}
        for days in set(warning_windows):
            try:
                warning_before[days] = cal.add_working_days(today, days + 1)
            except calendar.CalendarNotCovered:
                warning_before[days] = last + timedelta(days=1)
        return cls(today, first, last, cal.overdue_before(today), warning_before)

    def level_of(self, due_on: date | None, warning_days: int) -> str | None:
        """RED, YELLOW, UNCOUNTED or None, as `deadline_level` would say (UNCOUNTED where it
        finds the day cannot be counted)."""
        if due_on is None:
            return None
        if not self.first_countable <= due_on <= self.last_countable:
            return UNCOUNTED
        if due_on < self.overdue_before:
            return RED
        if due_on < self.warning_before[warning_days]:
            return YELLOW
        return None

    def conditions(
        self, warning_days_by_kind: dict[str, int], *, due: str = "due_on"
    ) -> dict[str | None, Q]:
        """The same rule as database conditions, one per colour (RED, YELLOW, UNCOUNTED and
        None), over the rows of these kinds that have a due day (a row without one has no
        colour: the caller adds it to None's where it shows). They are disjoint and together
        cover every such row. Each is a union of due-day ranges per kind, so that a database
        counts or lists one colour from an index on (kind, due day) and reads only that
        colour's rows, instead of colouring every row."""

        def between(first: date, before: date | None) -> Q:
            """first <= due < before (None: to the end), within the countable days."""
            found = Q(**{f"{due}__gte": max(first, self.first_countable)})
            if before is not None and before <= self.last_countable:
                return found & Q(**{f"{due}__lt": before})
            return found & Q(**{f"{due}__lte": self.last_countable})

        every = list(warning_days_by_kind)
        by_window: dict[int, list[str]] = {}
        for kind, days in warning_days_by_kind.items():
            by_window.setdefault(days, []).append(kind)
        nothing = Q(pk__in=[])
        return {
            UNCOUNTED: Q(kind__in=every)
            & (
                Q(**{f"{due}__lt": self.first_countable}) | Q(**{f"{due}__gt": self.last_countable})
            ),
            RED: Q(kind__in=every) & between(self.first_countable, self.overdue_before),
            YELLOW: _any(
                Q(kind__in=kinds) & between(self.overdue_before, self.warning_before[days])
                for days, kinds in by_window.items()
            )
            or nothing,
            None: _any(
                Q(kind__in=kinds)
                & between(max(self.overdue_before, self.warning_before[days]), None)
                for days, kinds in by_window.items()
            )
            or nothing,
        }


def minute_conditions(
    now: datetime, warning_minutes_by_kind: dict[str, int]
) -> dict[str | None, Q]:
    """`minute_level` at `now` as database conditions, one per colour (RED, YELLOW and None),
    over the rows of these minute-clock kinds: disjoint, and together every such row."""
    every = list(warning_minutes_by_kind)
    yellow, later = [], []
    for kind, minutes in warning_minutes_by_kind.items():
        last = now + timedelta(minutes=minutes)
        yellow.append(Q(kind=kind, due_at__gte=now, due_at__lte=last))
        later.append(Q(kind=kind, due_at__gt=last))
    nothing = Q(pk__in=[])
    return {
        RED: Q(kind__in=every, due_at__lt=now),
        YELLOW: _any(yellow) or nothing,
        None: Q(kind__in=every, due_at__isnull=True) | (_any(later) or nothing),
    }


def _any(conditions: Iterable[Q]) -> Q | None:
    """The union of the conditions; None for none."""
    union = None
    for condition in conditions:
        union = condition if union is None else union | condition
    return union
