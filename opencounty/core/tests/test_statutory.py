"""The statutory holidays from the rule alone, checked against the official tables that
chinesecalendar carries (the years it knows) and against dates worked out by hand."""

from datetime import date

import chinese_calendar
import pytest

from opencounty.core import statutory


@pytest.mark.parametrize("year", range(2014, 2027))
def test_every_statutory_holiday_on_a_weekday_is_a_day_off_in_the_official_table(year):
    for day, name in statutory.statutory_holidays(year).items():
        if day.weekday() < 5:
            assert day in chinese_calendar.holidays, f"{day} {name}"


def test_the_2024_amendment_adds_new_years_eve_and_the_second_of_may_from_2025():
    assert date(2025, 1, 28) in statutory.statutory_holidays(2025)  # 除夕
    assert date(2025, 5, 2) in statutory.statutory_holidays(2025)
    assert date(2024, 2, 9) not in statutory.statutory_holidays(2024)  # 除夕, old rule
    assert date(2024, 5, 2) not in statutory.statutory_holidays(2024)


def test_2027_by_hand():
    days = statutory.statutory_holidays(2027)
    assert days[date(2027, 2, 5)] == "春节"  # 除夕, Friday
    assert days[date(2027, 2, 8)] == "春节"  # 正月初三, Monday
    assert days[date(2027, 4, 5)] == "清明节"
    assert days[date(2027, 6, 9)] == "端午节"
    assert days[date(2027, 9, 15)] == "中秋节"
    assert len(days) == 13


def test_a_holiday_on_a_weekend_gives_the_next_free_weekday_in_lieu():
    days_off = statutory.provisional_days_off(2027)
    # 初一 Sat 6 Feb and 初二 Sun 7 Feb: Tue 9 and Wed 10 Feb (Mon 8 Feb is 初三 already).
    assert days_off[date(2027, 2, 9)] == "春节" and days_off[date(2027, 2, 10)] == "春节"
    assert date(2027, 2, 11) not in days_off
    # 国庆 Sat 2 and Sun 3 Oct 2027: Mon 4 and Tue 5 Oct.
    assert date(2027, 10, 4) in days_off and date(2027, 10, 5) in days_off


def test_years_outside_the_rule_are_refused():
    with pytest.raises(statutory.OutsideStatutoryRule):
        statutory.statutory_holidays(2013)
    with pytest.raises(statutory.OutsideStatutoryRule):
        statutory.statutory_holidays(statutory.LAST_YEAR + 1)


def test_mid_autumn_on_national_day_is_still_a_day_of_its_own():
    days = statutory.statutory_holidays(2028)  # 中秋 falls on Tue 3 Oct 2028
    assert days[date(2028, 10, 3)] == "国庆节" and days[date(2028, 10, 4)] == "中秋节"
    assert len(days) == 13
