"""Public statistics of the mailbox: received, replied, on time, average working days to reply."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from opencounty.core.calendar import CalendarNotCovered, working_days_between
from opencounty.interaction.models import Letter


@dataclass
class Row:
    unit: str
    month: int
    received: int = 0
    replied: int = 0
    on_time: int = 0
    working_days: int = 0  # total, for the average

    @property
    def average_days(self) -> float | None:
        return round(self.working_days / self.replied, 1) if self.replied else None


def letter_statistics(year: int) -> tuple[list[Row], Row]:
    """One row per unit and month of receipt (the unit that has or answered the letter),
    and the year's total."""
    rows: dict[tuple[str, int], Row] = {}
    total = Row(unit="", month=0)
    letters = Letter.objects.filter(case__submitted_at__year=year).select_related(
        "case__unit", "replying_unit"
    )
    for letter in letters:
        case = letter.case
        received_on = timezone.localtime(case.submitted_at).date()
        unit = (letter.replying_unit or case.unit).name
        row = rows.setdefault((unit, received_on.month), Row(unit=unit, month=received_on.month))
        for target in (row, total):
            target.received += 1
        if case.replied_at is None:
            continue
        replied_on = timezone.localtime(case.replied_at).date()
        try:
            days = working_days_between(received_on, replied_on)
        except CalendarNotCovered:
            continue
        for target in (row, total):
            target.replied += 1
            target.working_days += max(days, 0)
            target.on_time += int(case.due_on is None or replied_on <= case.due_on)
    ordered = sorted(rows.values(), key=lambda r: (r.month, r.unit))
    return ordered, total


def by_unit(rows: list[Row]) -> list[Row]:
    merged: dict[str, Row] = defaultdict(lambda: Row(unit="", month=0))
    for row in rows:
        target = merged[row.unit]
        target.unit = row.unit
        target.received += row.received
        target.replied += row.replied
        target.on_time += row.on_time
        target.working_days += row.working_days
    return sorted(merged.values(), key=lambda r: -r.received)
