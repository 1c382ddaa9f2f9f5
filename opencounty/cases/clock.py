"""The case clock, derived from its start, limit, extensions and pauses through core.calendar,
and the one colour rule (yellow: due within the warning window; red: overdue).

Every function takes an optional preloaded `WorkCalendar`, so that a list of cases reads
the holiday table once.
"""

from __future__ import annotations

from datetime import date

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


def derive_due(case, work_calendar: WorkCalendar | None = None) -> Count | None:
    """The last day of the period and whether it rests on a provisional year; None while the
    clock has not started, has no limit, or is paused."""
    if case.clock_started_on is None or case.time_limit == 0 or is_paused(case):
        return None
    cal = _calendar(work_calendar)
    extended = sum(extension.days for extension in case.extensions.all())
    return cal.due(
        case.clock_started_on, case.time_limit + extended + paused_working_days(case, cal)
    )


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


def warning_level(case, today: date, work_calendar: WorkCalendar | None = None) -> str | None:
    """ "red" when overdue, "yellow" within the kind's warning window, else None; nothing
    once the case is answered."""
    if is_answered(case):
        return None
    return deadline_level(case.due_on, today, case.case_kind.warning_window, work_calendar)
