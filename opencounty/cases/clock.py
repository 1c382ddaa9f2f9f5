"""The case clock, derived from its start, limit, extensions and pauses through core.calendar."""

from __future__ import annotations

from datetime import date

from opencounty.core import calendar


def paused_working_days(case) -> int:
    return sum(
        calendar.working_days_between(pause.started_on, pause.ended_on)
        for pause in case.pauses.all()
        if pause.ended_on is not None
    )


def is_paused(case) -> bool:
    return case.pauses.filter(ended_on__isnull=True).exists()


def derive_due_on(case) -> date | None:
    """The last day of the period, or None while the clock has not started or is paused."""
    if case.clock_started_on is None or case.time_limit == 0 or is_paused(case):
        return None
    extended = sum(extension.days for extension in case.extensions.all())
    return calendar.add_working_days(
        case.clock_started_on, case.time_limit + extended + paused_working_days(case)
    )


def remaining_working_days(case, today: date) -> int | None:
    """Working days left (0 on the due day, negative when overdue)."""
    if case.due_on is None:
        return None
    return calendar.working_days_between(today, case.due_on)


def is_answered(case) -> bool:
    """Answered (or closed): the deadline has been met or missed for good; no more warnings."""
    return case.closed_at is not None or case.replied_at is not None


def warning_level(case, today: date) -> str | None:
    """ "red" when overdue, "yellow" within the kind's warning window, else None; nothing
    once the case is answered."""
    if is_answered(case):
        return None
    remaining = remaining_working_days(case, today)
    if remaining is None:
        return None
    if remaining < 0:
        return "red"
    if remaining <= case.case_kind.warning_days:
        return "yellow"
    return None
