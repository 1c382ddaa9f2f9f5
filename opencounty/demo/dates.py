"""Dates for the demo's cases, counted in working days from today, so that a case meant to
be yellow or red is yellow or red whatever day (and holiday season) the demo is built on."""

from __future__ import annotations

from datetime import date, timedelta

from opencounty.core import calendar


def start_for(limit: int, remaining: int, today: date) -> date:
    """The latest clock start from which `limit` working days leave `remaining` (or fewer)
    working days at `today` (negative: overdue)."""
    on = today
    while calendar.working_days_between(today, calendar.add_working_days(on, limit)) > remaining:
        on -= timedelta(days=1)
    return on


def working_days_ago(today: date, count: int) -> date:
    """The working day `count` working days before `today` (`today` for 0 if it is one)."""
    on = today - timedelta(days=count)
    while calendar.working_days_between(on, today) < count or not is_working_day(on):
        on -= timedelta(days=1)
    return on


def is_working_day(day: date) -> bool:
    return calendar.working_days_between(day - timedelta(days=1), day) == 1
