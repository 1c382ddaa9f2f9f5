"""The statutory holidays of a year, from the rules alone (《全国年节及纪念日放假办法》).

What does not change from year to year: the holidays every citizen has by law, on
their solar, lunar or solar-term dates. What the State Council's yearly notice adds
(bridging days off and make-up working days 调休) is never guessed here. A year the
office has not entered is counted with these days and marked provisional.

Lunar dates and the Qingming solar term come from tyme4py (docs/decisions/0003).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from tyme4py.lunar import LunarDay
from tyme4py.solar import SolarTerm

# The rule as amended in 2024 (in force from 2025) and the rule it replaced (2014-2024).
AMENDED_2024 = 2025
FIRST_RULE_YEAR = 2014
# tyme4py counts far beyond this; nobody needs a deadline outside these years.
FIRST_YEAR, LAST_YEAR = FIRST_RULE_YEAR, 2199


class OutsideStatutoryRule(LookupError):
    """No statutory holiday rule for this year (before 2014 or after LAST_YEAR)."""


def _solar(lunar: LunarDay) -> date:
    day = lunar.get_solar_day()
    return date(day.get_year(), day.get_month(), day.get_day())


def _qingming(year: int) -> date:
    day = SolarTerm.from_name(year, "清明").get_julian_day().get_solar_day()
    return date(day.get_year(), day.get_month(), day.get_day())


@lru_cache(maxsize=512)
def statutory_holidays(year: int) -> dict[date, str]:
    """The days off every citizen has by law in `year` (solar dates; lunar new year's eve
    may fall in January of `year`)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise OutsideStatutoryRule(year)
    amended = year >= AMENDED_2024
    new_year = _solar(LunarDay.from_ymd(year, 1, 1))
    spring = [new_year + timedelta(days=n) for n in range(-1 if amended else 0, 3)]
    labour = [date(year, 5, 1), date(year, 5, 2)] if amended else [date(year, 5, 1)]
    named = [(date(year, 1, 1), "元旦")]
    named += [(day, "春节") for day in spring]
    named += [(_qingming(year), "清明节")]
    named += [(day, "劳动节") for day in labour]
    named += [(_solar(LunarDay.from_ymd(year, 5, 5)), "端午节")]
    named += [(date(year, 10, n), "国庆节") for n in (1, 2, 3)]
    named += [(_solar(LunarDay.from_ymd(year, 8, 15)), "中秋节")]
    days: dict[date, str] = {}
    for day, name in named:
        # 中秋 on 1-3 Oct is still a day off of its own (2020: four days with 国庆): the next
        # free day after the block.
        while day in days:
            day += timedelta(days=1)
        days[day] = name
    return days


@lru_cache(maxsize=512)
def provisional_days_off(year: int) -> dict[date, str]:
    """The statutory holidays of `year` plus the day in lieu (补假) the law gives for each one
    that falls on a Saturday or Sunday: the next weekday that is not already a holiday.
    Only days inside `year` are returned."""
    holidays = statutory_holidays(year)
    days = dict(holidays)
    for day, name in sorted(holidays.items()):
        if day.weekday() < 5:
            continue
        lieu = day + timedelta(days=1)
        while lieu.weekday() >= 5 or lieu in days:
            lieu += timedelta(days=1)
        days[lieu] = name
    return {day: name for day, name in days.items() if day.year == year}
