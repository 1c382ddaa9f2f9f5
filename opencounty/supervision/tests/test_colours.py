"""Colours at the working-day boundaries, on real calendar dates (weekends, National Day 2026 and
its make-up working day), agreeing with the case engine's own rule."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from opencounty.cases import clock
from opencounty.core.models import CalendarYear
from opencounty.supervision import board
from opencounty.supervision.board import Filters
from opencounty.supervision.tests.helpers import disclosure_request, letter, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("sv_root", "root@example.org", "x")


def colour_on(user, case, today: date) -> str:
    rows = [r for r in board.build(user, Filters(), today).rows if r.case.pk == case.pk]
    assert len(rows) == 1
    case.refresh_from_db()
    engine = clock.warning_level(case, today) or board.NONE
    assert rows[0].colour == engine, "supervision must colour as the case engine does"
    return rows[0].colour


def test_a_request_due_on_a_monday_turns_yellow_on_the_thursday_before_and_red_on_tuesday(
    superuser,
):
    case = disclosure_request(received_on=date(2026, 9, 21))
    # 20 working days after Mon 21 Sep 2026, across Mid-Autumn and National Day.
    assert case.due_on == date(2026, 10, 26)
    assert colour_on(superuser, case, date(2026, 10, 21)) == board.NONE  # Wed: 3 working days
    assert colour_on(superuser, case, date(2026, 10, 22)) == board.YELLOW  # Thu: Fri, Mon
    assert colour_on(superuser, case, date(2026, 10, 25)) == board.YELLOW  # Sunday
    assert colour_on(superuser, case, date(2026, 10, 26)) == board.YELLOW  # the due day
    assert colour_on(superuser, case, date(2026, 10, 27)) == board.RED  # the day after


def test_the_window_before_national_day_counts_only_working_days(superuser):
    case = place(letter(), due_on=date(2026, 10, 8))  # the first working day after the holiday
    assert colour_on(superuser, case, date(2026, 9, 28)) == board.NONE  # 29, 30 Sep, 8 Oct
    assert colour_on(superuser, case, date(2026, 9, 29)) == board.YELLOW  # nine days ahead
    assert colour_on(superuser, case, date(2026, 10, 3)) == board.YELLOW
    assert colour_on(superuser, case, date(2026, 10, 8)) == board.YELLOW
    assert colour_on(superuser, case, date(2026, 10, 9)) == board.RED


def test_a_make_up_saturday_makes_a_friday_case_red_but_an_ordinary_saturday_does_not(superuser):
    before_makeup = place(letter(), due_on=date(2026, 10, 9))
    ordinary = place(letter(), due_on=date(2026, 10, 16))
    assert colour_on(superuser, before_makeup, date(2026, 10, 10)) == board.RED  # 调休 Saturday
    assert colour_on(superuser, ordinary, date(2026, 10, 17)) == board.YELLOW
    assert colour_on(superuser, ordinary, date(2026, 10, 19)) == board.RED


def test_remaining_working_days_are_shown_with_the_colour(superuser):
    case = disclosure_request(received_on=date(2026, 9, 21))
    row = next(
        r for r in board.build(superuser, Filters(), date(2026, 10, 22)).rows if r.case == case
    )
    assert row.remaining == 2 and row.due_on == date(2026, 10, 26)
    row = next(
        r for r in board.build(superuser, Filters(), date(2026, 10, 28)).rows if r.case == case
    )
    assert row.remaining == -2 and row.colour == board.RED


def test_a_year_not_entered_is_counted_provisionally_and_reported(superuser):
    CalendarYear.objects.filter(year=2027).delete()  # the office has not entered 2027 yet
    case = disclosure_request(received_on=date(2026, 12, 21))
    assert case.due_provisional and case.due_on.year == 2027
    result = board.build(superuser, Filters(), date(2026, 11, 23))
    row = next(r for r in result.rows if r.case == case)
    assert row.provisional and row.colour == board.NONE and row.remaining > 20
    assert any("2027年的节假日安排尚未录入" in w for w in result.calendar_warnings)
    # Yellow and red still work on a provisional date.
    assert colour_on(superuser, case, case.due_on) == board.YELLOW


def test_only_a_date_outside_the_statutory_rule_is_uncounted(superuser):
    case = place(letter(), due_on=date(2300, 1, 15))
    result = board.build(superuser, Filters(), date(2026, 11, 23))
    row = next(r for r in result.rows if r.case == case)
    assert row.colour == board.UNCOUNTED and row.remaining is None
    assert any("2300年不在工作日历可计算的范围内" in w for w in result.calendar_warnings)
    assert result.counts[board.UNCOUNTED] >= 1


def test_a_request_not_yet_registered_has_no_deadline_and_no_colour(superuser):
    case = disclosure_request()
    row = next(
        r for r in board.build(superuser, Filters(), date(2026, 10, 22)).rows if r.case == case
    )
    assert row.due_on is None and row.remaining is None and row.colour == board.NONE


def test_answered_and_paused_cases_say_so(superuser):
    from opencounty.disclosure import actions
    from opencounty.supervision.tests.helpers import staff

    answered = disclosure_request(received_on=date(2026, 9, 21))
    answered = actions.reply(answered, staff("T01"), outcome="disclosed", text="予以公开。")
    paused = disclosure_request(received_on=date(2026, 9, 21))
    paused = actions.consult_third_party(
        paused, staff("T01"), on=date(2026, 9, 24), third_party="某公司"
    )
    rows = {r.case.pk: r for r in board.build(superuser, Filters(), date(2026, 10, 22)).rows}
    assert rows[answered.pk].flags == ["已答复，待办结"]
    assert rows[paused.pk].flags == ["计时暂停"] and rows[paused.pk].colour == board.NONE
