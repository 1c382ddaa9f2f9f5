"""Clocks that do not count working days: calendar days (a penalty decision within 90 days)
and minutes (an incident report within the hour), on the board as on the case's screen."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils.translation import gettext_lazy as _

from opencounty.cases import actions, clock, kinds
from opencounty.core.models import Unit

SHANGHAI = ZoneInfo("Asia/Shanghai")
STATES = {"open": "办理中", "answered": "已答复", "closed": "已办结"}
TRANSITIONS = {
    "start": (frozenset({"open"}), None),
    "follow_up": (frozenset({"open", "answered"}), "open"),
    "reply": (frozenset({"open"}), "answered"),
    "pause": (frozenset({"open"}), None),
    "extend": (frozenset({"open"}), None),
    "close": (frozenset({"answered"}), "closed"),
}

CALENDAR_KIND = kinds.register(
    kinds.CaseKind(
        code="engine_test_calendar",
        label=_("自然日测试件"),
        receipt_prefix="TC",
        time_limit=90,
        states=STATES,
        initial_state="open",
        transitions=TRANSITIONS,
        closed_states=frozenset({"closed"}),
        clock_unit=kinds.CALENDAR_DAYS,
    )
)
MINUTE_KIND = kinds.register(
    kinds.CaseKind(
        code="engine_test_minutes",
        label=_("分钟计时测试件"),
        receipt_prefix="TM",
        time_limit=60,
        warning_days=15,
        states=STATES,
        initial_state="open",
        transitions=TRANSITIONS,
        closed_states=frozenset({"closed"}),
        clock_unit=kinds.MINUTES,
    )
)


def new_case(kind: str, **extra):
    case, _code = actions.submit(
        kind, unit=Unit.objects.get(code="T01"), title="测试", submitter_name="林示范", **extra
    )
    return case


def test_an_unknown_clock_unit_is_refused():
    with pytest.raises(ValueError):
        kinds.register(
            kinds.CaseKind(
                code="engine_test_bad_unit",
                label="x",
                receipt_prefix="TX",
                time_limit=1,
                states={"a": "a"},
                initial_state="a",
                clock_unit="fortnights",
            )
        )


@pytest.mark.django_db
def test_calendar_days_count_every_day_and_move_off_a_day_off(chengguan_officer):
    case = new_case("engine_test_calendar")
    # 90 calendar days after Mon 6 Jul 2026 is Sun 4 Oct 2026, inside National Day: the
    # period ends on the first working day after it, Thu 8 Oct (worked out by hand from the
    # 2026 notice: 1–7 Oct off).
    case = actions.start_clock(case, "start", chengguan_officer, on=date(2026, 7, 6))
    assert case.due_on == date(2026, 10, 8)
    # A day that is a working day stays: 90 days after 1 Jun 2026 is Sun 30 Aug → Mon 31 Aug.
    case = actions.restart_clock(case, "follow_up", chengguan_officer, on=date(2026, 6, 1))
    assert case.due_on == date(2026, 8, 31)
    assert clock.warning_level(case, date(2026, 8, 28)) == "yellow"
    assert clock.warning_level(case, date(2026, 9, 1)) == "red"


@pytest.mark.django_db
def test_a_minute_clock_runs_from_the_event_across_midnight_in_shanghai(chengguan_officer):
    event = datetime(2026, 12, 31, 23, 40, tzinfo=SHANGHAI)
    case = new_case("engine_test_minutes", clock_starts_at=event)
    assert case.due_at == event + timedelta(minutes=60)
    # Due at 00:40 on New Year's Day, Shanghai time: the due day is that local day.
    assert case.due_on == date(2027, 1, 1)
    assert clock.warning_level(case, date(2026, 12, 31), now=event) is None
    at_0026 = datetime(2027, 1, 1, 0, 26, tzinfo=SHANGHAI)
    assert clock.warning_level(case, date(2027, 1, 1), now=at_0026) == "yellow"
    assert clock.remaining_minutes(case, at_0026) == 14
    at_0041 = datetime(2027, 1, 1, 0, 41, tzinfo=SHANGHAI)
    assert clock.warning_level(case, date(2027, 1, 1), now=at_0041) == "red"
    assert clock.remaining_minutes(case, at_0041) == -1


@pytest.mark.django_db
def test_a_follow_up_starts_the_next_interval_and_an_answer_stops_the_colour(
    chengguan_officer,
):
    event = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)
    case = new_case("engine_test_minutes", clock_starts_at=event)
    case = actions.answer(case, "reply", chengguan_officer, text="首报", at=event)
    assert clock.warning_level(case, date(2026, 12, 1), now=event + timedelta(hours=5)) is None
    sent = event + timedelta(minutes=50)
    case = actions.restart_clock(
        case, "follow_up", chengguan_officer, on=sent.date(), at=sent, limit=120
    )
    assert case.replied_at is None and case.state == "open"
    assert case.due_at == sent + timedelta(minutes=120)
    later = sent + timedelta(minutes=121)
    assert clock.warning_level(case, later.date(), now=later) == "red"
    with pytest.raises(actions.IllegalTransition):
        actions.restart_clock(
            case, "follow_up", chengguan_officer, on=sent.date(), at=sent, limit=0
        )


@pytest.mark.django_db
def test_a_minute_clock_needs_a_moment_and_cannot_pause(chengguan_officer):
    case = new_case("engine_test_minutes")
    with pytest.raises(ValueError):
        actions.start_clock(case, "start", chengguan_officer, on=date(2026, 12, 1))
    moment = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)
    case = actions.start_clock(case, "start", chengguan_officer, on=moment.date(), at=moment)
    with pytest.raises(actions.IllegalTransition):
        actions.pause(case, "pause", chengguan_officer, on=moment.date(), reason="x")
    other = new_case("engine_test_calendar")
    with pytest.raises(ValueError):
        actions.start_clock(other, "start", chengguan_officer, on=moment.date(), at=moment)


@pytest.mark.django_db
def test_the_board_colours_minute_clocks_by_the_moment(chengguan_officer):
    from opencounty.supervision import board

    now = datetime(2026, 12, 2, 10, 0, tzinfo=SHANGHAI)
    late = new_case("engine_test_minutes", clock_starts_at=now - timedelta(minutes=61))
    soon = new_case("engine_test_minutes", clock_starts_at=now - timedelta(minutes=50))
    fresh = new_case("engine_test_minutes", clock_starts_at=now - timedelta(minutes=5))
    with time_machine.travel(now, tick=False):
        result = board.build(chengguan_officer, board.Filters(), now.date())
    rows = {row.case.pk: row for row in result.rows}
    assert rows[late.pk].colour == "red" and rows[late.pk].remaining == -1
    assert rows[soon.pk].colour == "yellow" and rows[soon.pk].remaining_text == "10 分钟"
    assert rows[fresh.pk].colour == "none"
    order = [row.case.pk for row in result.rows]
    assert order.index(late.pk) < order.index(soon.pk) < order.index(fresh.pk)
