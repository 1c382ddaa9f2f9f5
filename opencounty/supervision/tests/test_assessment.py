"""The monthly unit assessment for a known set of cases and columns: its figures, the columns
checked against the national limits, and the month."""

from datetime import date

import pytest

from opencounty.core.models import Unit
from opencounty.supervision import assessment
from opencounty.supervision.assessment import Month, MonthRefused
from opencounty.supervision.tests.helpers import OCTOBER, TODAY, figures_of

pytestmark = pytest.mark.django_db


def test_the_case_figures_of_a_month(october_cases):
    units = Unit.objects.filter(code__in=["T01", "T02"])
    result = assessment.assess(units, OCTOBER, TODAY)
    t01 = figures_of(result, "T01")
    assert (t01.received, t01.closed, t01.closed_on_time, t01.overdue) == (5, 3, 2, 2)
    assert t01.average_working_days == 10.7  # (6 + 23 + 3) / 3
    assert t01.on_time_rate == 66.7
    assert (t01.rated, t01.satisfied, t01.satisfaction_rate) == (2, 1, 50.0)
    t02 = figures_of(result, "T02")
    assert (t02.received, t02.closed, t02.overdue, t02.on_time_rate) == (0, 0, 0, None)
    assert t02.average_working_days is None and t02.satisfaction_rate is None
    assert result.calendar_warnings == []


def test_a_case_still_open_is_overdue_in_every_month_it_stays_past_due(october_cases):
    units = Unit.objects.filter(code="T01")
    november = assessment.assess(units, Month(2026, 11), TODAY)
    t01 = figures_of(november, "T01")
    # Only the letter due 20 October is still open and past due; the late-rated one closed on time.
    assert (t01.received, t01.closed, t01.closed_on_time, t01.overdue) == (0, 1, 1, 1)
    assert t01.average_working_days == 3.0  # 19 Oct to its reply on 22 Oct


def test_columns_not_updated_within_the_national_limits(t01_columns):
    # By 31 Oct: news last 10 Oct (>14 days), notices last 1 Mar (>6 months), the new column empty;
    # policies last 1 Jun are within 6 months. The 5 Nov article does not count for October.
    assert assessment.stale_columns(t01_columns, date(2026, 10, 31)) == 3
    # By 10 Nov the 5 Nov article keeps the news column fresh.
    assert assessment.stale_columns(t01_columns, date(2026, 11, 10)) == 2
    # By 2 Dec the policy column is six months old too.
    assert assessment.stale_columns(t01_columns, date(2026, 12, 2)) == 4


def test_months_are_counted_back_on_the_calendar():
    assert assessment.months_before(date(2026, 10, 31), 6) == date(2026, 4, 30)
    assert assessment.months_before(date(2026, 3, 1), 6) == date(2025, 9, 1)


def test_a_month_is_read_from_the_form_and_refused_in_chinese_when_it_cannot_be_assessed():
    assert Month.parse("2026-10", TODAY) == OCTOBER
    assert Month.parse("", TODAY) == Month(2026, 11)  # this month, up to today
    assert Month.parse("2026-11", TODAY) == Month(2026, 11)
    for text, reason in [
        ("2026-12", "2026-12 尚未开始，不能考核；最晚只能选择本月（2026-11）。"),
        ("2027-01", "2027-01 尚未开始"),
        ("9999-12", "9999-12 尚未开始"),
        ("2026-13", "无法识别"),
        ("abc", "无法识别"),
        ("2026-10-01", "无法识别"),
        ("1999-12", "不能早于 2000 年"),
    ]:
        with pytest.raises(MonthRefused) as refused:
            Month.parse(text, TODAY)
        assert reason in str(refused.value), text
