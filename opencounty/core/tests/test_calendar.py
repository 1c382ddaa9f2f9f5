"""Working days against the real 2025 and 2026 schedules, dates worked out by hand."""

from datetime import date

import pytest

from opencounty.core.calendar import (
    CalendarNotCovered,
    WorkCalendar,
    add_working_days,
    coverage_warning,
    due,
    is_working_day,
    working_days_between,
)
from opencounty.core.models import CalendarDay, CalendarYear


@pytest.mark.django_db
def test_weekends_and_holidays_are_not_working_days_but_make_up_days_are():
    assert is_working_day(date(2026, 11, 20))  # a Friday
    assert not is_working_day(date(2026, 11, 21))  # a Saturday
    assert not is_working_day(date(2026, 10, 1))  # National Day
    assert is_working_day(date(2026, 10, 10))  # Saturday make-up day after National Day
    assert is_working_day(date(2026, 2, 14))  # Saturday make-up day before Spring Festival
    assert not is_working_day(date(2026, 2, 23))  # Monday still in the Spring Festival holiday
    assert CalendarDay.objects.get(date=date(2026, 10, 1)).name == "国庆节"


@pytest.mark.django_db
def test_national_day_week_2025_ends_a_period_on_the_saturday_make_up_day():
    # 30 Sep 2025 (Tue) + 3: Oct 1-8 are holidays, Oct 9 (Thu), Oct 10 (Fri), Oct 11 (Sat, 调休).
    assert add_working_days(date(2025, 9, 30), 3) == date(2025, 10, 11)
    assert working_days_between(date(2025, 9, 30), date(2025, 10, 11)) == 3


@pytest.mark.django_db
def test_spring_festival_2026():
    # 13 Feb 2026 (Fri) + 1 is the Saturday make-up day; the next one is after the holiday (24 Feb).
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)


@pytest.mark.django_db
def test_a_twenty_working_day_answer_period_across_mid_autumn_and_national_day_2026():
    # Received Mon 21 Sep 2026. Counted: 22-24 Sep (3); 25 Sep holiday; 28-30 Sep (6);
    # 1-7 Oct holiday; 8, 9 Oct (8); Sat 10 Oct make-up (9); 12-16 Oct (14); 19-23 Oct (19); 26 Oct (20).
    assert add_working_days(date(2026, 9, 21), 20) == date(2026, 10, 26)
    assert working_days_between(date(2026, 9, 21), date(2026, 10, 26)) == 20


@pytest.mark.django_db
def test_the_day_of_the_event_is_not_counted():
    assert add_working_days(date(2026, 11, 16), 0) == date(2026, 11, 16)
    assert add_working_days(date(2026, 11, 16), 1) == date(2026, 11, 17)
    assert working_days_between(date(2026, 11, 16), date(2026, 11, 16)) == 0
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 16)) == -4


@pytest.mark.django_db
def test_a_year_not_entered_is_counted_provisionally_from_the_statutory_holidays():
    CalendarYear.objects.filter(year=2027).delete()
    # Fri 1 Jan 2027 is 元旦, then the weekend: the first working day is Mon 4 Jan.
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    # Spring Festival 2027: 除夕 Fri 5 Feb to 初三 Mon 8 Feb; 初一 and 初二 fall on the weekend,
    # so the law gives Tue 9 and Wed 10 Feb in lieu (补假). No 调休 is guessed.
    assert not is_working_day(date(2027, 2, 5))
    assert not is_working_day(date(2027, 2, 9)) and not is_working_day(date(2027, 2, 10))
    assert add_working_days(date(2027, 2, 4), 1) == date(2027, 2, 11)
    counted = due(date(2026, 12, 31), 1)
    assert counted.value == date(2027, 1, 4) and counted.provisional
    assert not due(date(2026, 12, 1), 1).provisional, "a period inside 2026 is not provisional"


@pytest.mark.django_db
def test_only_a_year_outside_the_statutory_rule_cannot_be_counted():
    with pytest.raises(CalendarNotCovered, match="2300年不在工作日历可计算的范围内"):
        add_working_days(date(2300, 1, 5), 20)
    with pytest.raises(CalendarNotCovered):
        is_working_day(date(2003, 5, 6))  # before the rule of 2014, and not entered


def test_the_provisional_rule_matches_the_official_2026_table_where_no_adjustment_was_made():
    provisional = WorkCalendar(frozenset(), frozenset(), frozenset())
    # 清明 Sun 5 Apr 2026: the law's day in lieu is Mon 6 Apr, as the notice also gave.
    assert not provisional.is_working_day(date(2026, 4, 6))
    # 端午 Fri 19 Jun 2026.
    assert not provisional.is_working_day(date(2026, 6, 19))
    # The notice's make-up Saturday (10 Oct 2026) is not guessed.
    assert not provisional.is_working_day(date(2026, 10, 10))


@pytest.mark.django_db
def test_a_year_entered_by_the_office_is_counted():
    CalendarYear.objects.create(year=2027, source="国务院办公厅通知（测试）")
    CalendarDay.objects.create(date=date(2027, 1, 1), kind=CalendarDay.Kind.HOLIDAY, name="元旦")
    # 31 Dec 2026 (Thu) + 1: 1 Jan 2027 is a holiday, 2-3 Jan the weekend, so Mon 4 Jan.
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


@pytest.mark.django_db
def test_staff_are_warned_in_november_when_next_years_schedule_is_missing(client):
    CalendarYear.objects.filter(year__gte=2027).delete()
    assert coverage_warning(date(2026, 6, 1)) is None
    assert "2027年" in coverage_warning(date(2026, 11, 22))
    assert "暂定" in coverage_warning(date(2026, 11, 22))
    assert "2030年" in coverage_warning(date(2030, 3, 1))
    CalendarYear.objects.create(year=2027)
    assert coverage_warning(date(2026, 11, 22)) is None


@pytest.mark.django_db
def test_the_dashboard_shows_the_missing_schedule_warning(client, chengguan_officer, settings):
    from django.utils import timezone

    client.force_login(chengguan_officer)
    html = client.get("/admin/").content.decode()
    expected = coverage_warning(timezone.localdate())
    assert ("data-calendar-coverage" in html) is (expected is not None)
