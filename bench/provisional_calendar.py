"""How close the provisional calendar comes to the official one.

For each year under the amended rule that chinesecalendar knows (2025, 2026) and for
every day of that year, a period of 20 working days is counted twice: with the official
table and with the provisional rule (weekends, statutory holidays and their days in lieu;
no 调休). Prints how many periods end on the same day and how far the others are off,
for the rule with and without the days in lieu. No database needed.

    .venv/bin/python bench/provisional_calendar.py
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencounty.settings")

import django  # noqa: E402

django.setup()

import chinese_calendar  # noqa: E402

from opencounty.core import statutory  # noqa: E402
from opencounty.core.calendar import WorkCalendar  # noqa: E402

YEARS = (2025, 2026)
PERIOD = 20


def official(years: tuple[int, ...]) -> WorkCalendar:
    """The official table of `years` (and the year before, for periods that start there)."""
    wanted = set(years) | {min(years) - 1}
    holidays = frozenset(
        day for day in chinese_calendar.holidays if day.year in wanted and day.weekday() < 5
    )
    makeups = frozenset(day for day in chinese_calendar.workdays if day.year in wanted)
    return WorkCalendar(frozenset(wanted), holidays, makeups)


def without_days_in_lieu(day: date) -> bool:
    return day.weekday() < 5 and day not in statutory.statutory_holidays(day.year)


def measure(year: int) -> None:
    table = official(YEARS)
    provisional = WorkCalendar(frozenset(), frozenset(), frozenset())
    for label, is_working in (
        ("法定节假日 + 补假（采用）", provisional.is_working_day),
        ("仅法定节假日", without_days_in_lieu),
    ):
        offsets: Counter[int] = Counter()
        start = date(year, 1, 1)
        while start.year == year:
            end = table.add_working_days(start, PERIOD)
            if end.year > max(YEARS):
                break  # the official table ends with 2026
            guess, left = start, PERIOD
            while left:
                guess += timedelta(days=1)
                left -= is_working(guess)
            offsets[(guess - end).days] += 1
            start += timedelta(days=1)
        total = sum(offsets.values())
        same = offsets[0]
        wrong = {k: v for k, v in sorted(offsets.items()) if k}
        worst = max((abs(k) for k in wrong), default=0)
        print(
            f"{year} {label}: {total} 个期间，{same} 个相同（{same / total:.1%}），"
            f"偏差天数分布 {wrong}，最大偏差 {worst} 天"
        )


if __name__ == "__main__":
    for measured_year in YEARS:
        measure(measured_year)
