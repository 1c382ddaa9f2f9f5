"""The board and the assessment at any number of cases: the database colours, counts, orders
and cuts by the one colour rule, so a hundred thousand open cases cost the same number of
queries as five, and the screen shows the most urgent rows with the rest counted, not lost."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from opencounty.cases import clock
from opencounty.cases.models import Case
from opencounty.core.models import CalendarYear, Unit
from opencounty.interaction.models import Letter
from opencounty.supervision import assessment, board
from opencounty.supervision.board import Filters
from opencounty.supervision.tests.helpers import (
    OCTOBER,
    TODAY,
    answered_request,
    disclosure_request,
    letter,
    place,
    rated_letter,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def covered_years():
    today = timezone.localdate()
    for year in (today.year - 1, today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})


def open_cases(count: int, rng: random.Random) -> list:
    """Letters and requests in two townships, due from a month ago to a month ahead."""
    today = timezone.localdate()
    made = []
    for n in range(count):
        unit = "T01" if n % 2 else "T02"
        case = letter(unit) if n % 3 else disclosure_request(unit, received_on=today)
        made.append(place(case, due_on=today + timedelta(days=rng.randint(-30, 30))))
    return made


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_board_makes_as_many_queries_for_fifty_cases_as_for_five(
    client, covered_years, django_assert_num_queries
):
    rng = random.Random(5)
    today = timezone.localdate()
    # Five cases with every colour the fifty can have: each colour's rows are one query.
    for days in (-20, 0, 25):
        place(letter(), due_on=today + timedelta(days=days))
    open_cases(2, rng)
    client.login(username=staff("001").username, password=PASSWORD)
    url = reverse("supervision_admin:board")
    client.get(url)  # the first request loads what every later one has cached
    five = queries_for(client, url)
    assert {row.colour for row in client.get(url).context["rows"]} == {
        board.RED,
        board.YELLOW,
        board.NONE,
    }
    open_cases(45, rng)
    with django_assert_num_queries(five):
        response = client.get(url)
    assert len(response.context["rows"]) >= 50


def test_the_screen_shows_the_most_urgent_rows_first_and_counts_the_rest(covered_years):
    open_cases(24, random.Random(7))
    superuser = staff("001")
    everything = board.build(superuser, Filters(), timezone.localdate())
    first = board.build(superuser, Filters(), timezone.localdate(), limit=10)
    assert [r.case.pk for r in first.rows] == [r.case.pk for r in everything.rows[:10]]
    assert first.total == everything.total == len(everything.rows) >= 24
    assert first.counts == everything.counts
    colours = [board.COLOURS.index(r.colour) for r in everything.rows]
    assert colours == sorted(colours)  # red, yellow, uncounted, then the rest
    red = board.build(superuser, Filters(colour=board.RED), timezone.localdate(), limit=3)
    assert red.total == everything.counts[board.RED] and len(red.rows) == min(3, red.total)
    assert all(r.colour == board.RED for r in red.rows)


def test_the_board_colours_every_day_as_the_case_engine_does():
    """Due days from before the National Day holiday to after it, seen on each day around it:
    the database's colour and the remaining days agree with cases.clock for every one."""
    superuser = staff("001")
    first = date(2026, 9, 20)
    cases = [place(letter(), due_on=first + timedelta(days=n)) for n in range(0, 36, 2)]
    answered = rated_letter("T01", Letter.Rating.SATISFIED)
    for today in (first + timedelta(days=n) for n in range(0, 36, 3)):
        rows = {r.case.pk: r for r in board.build(superuser, Filters(), today).rows}
        assert answered.pk not in rows  # closed and not flagged: never shown
        for case in cases:
            case.refresh_from_db()
            expected = clock.warning_level(case, today) or board.NONE
            assert rows[case.pk].colour == expected, (today, case.due_on)
            assert rows[case.pk].remaining == clock.remaining_working_days(case, today)


def test_the_ranking_counts_exactly_what_the_drill_down_lists(known_month):
    """The ranking counts the open cases in the database; the drill-down reads them one by one.
    Both agree, with an answered case, a case due in a year no rule covers and a closed one."""
    place(letter("T01"), submitted_at=date(2026, 10, 6), due_on=date(2300, 1, 5))
    place(letter("T02"), submitted_at=date(2026, 8, 6), due_on=date(2026, 8, 20))
    answered = rated_letter("T02", Letter.Rating.SATISFIED)
    place(
        answered,
        submitted_at=date(2026, 10, 2),
        due_on=date(2026, 10, 9),
        replied_at=date(2026, 10, 9),
        closed_at=None,
    )
    place(answered_request("T02", date(2026, 10, 26)), submitted_at=date(2026, 10, 26))
    units = Unit.objects.filter(code__in=["T01", "T02"])
    counted = assessment.assess(units, OCTOBER, TODAY)
    listed = assessment.assess(units, OCTOBER, TODAY, lines=True)
    assert counted.calendar_warnings == listed.calendar_warnings != []
    for quick, slow in zip(
        counted.rows + [counted.total], listed.rows + [listed.total], strict=True
    ):
        assert quick.unit == slow.unit
        assert (quick.received, quick.overdue, quick.uncounted) == (
            len(slow.received_cases),
            len(slow.overdue_cases),
            slow.uncounted,
        )
        assert (quick.closed, quick.closed_on_time, quick.rated, quick.score) == (
            slow.closed,
            slow.closed_on_time,
            slow.rated,
            slow.score,
        )
    t02 = next(row for row in counted.rows if row.unit.code == "T02")
    assert t02.overdue == 1  # the August letter; the answered one is not overdue
    t01 = next(row for row in counted.rows if row.unit.code == "T01")
    assert t01.uncounted == 1 and t01.received == 5  # the 2300 letter is not counted as received


def test_the_assessment_makes_as_many_queries_for_fifty_cases_as_for_five(
    client, covered_years, django_assert_num_queries
):
    rng = random.Random(9)
    open_cases(5, rng)
    client.login(username=staff("001").username, password=PASSWORD)
    url = reverse("supervision_admin:assessment")
    client.get(url)
    five = queries_for(client, url)
    open_cases(45, rng)
    with django_assert_num_queries(five):
        client.get(url)


def test_each_colour_is_counted_and_listed_on_its_own_and_together_they_are_every_open_case():
    """The database counts and lists each colour from its own condition (board.colour_conditions):
    every open case is in exactly one, answered and unregistered cases have none, a year no rule
    covers is uncounted, and a colour asked for alone lists the same rows in the same order."""
    superuser = staff("001")
    first = date(2026, 9, 20)
    for n in range(0, 36, 3):
        place(letter("T01" if n % 2 else "T02"), due_on=first + timedelta(days=n))
    place(letter(), due_on=date(2300, 1, 5))  # no rule covers the year
    place(letter(), due_on=first, replied_at=first)  # answered, not yet closed
    disclosure_request("T02")  # not registered: no clock yet
    open_count = Case.objects.filter(closed_at__isnull=True).count()
    for today in (first + timedelta(days=n) for n in range(0, 36, 5)):
        everything = board.build(superuser, Filters(), today)
        assert everything.total == len(everything.rows) == open_count
        assert everything.counts == {
            colour: sum(1 for row in everything.rows if row.colour == colour)
            for colour in board.COLOURS
        }
        for colour in board.COLOURS:
            alone = board.build(superuser, Filters(colour=colour), today, limit=3)
            expected = [row.case.pk for row in everything.rows if row.colour == colour]
            assert [row.case.pk for row in alone.rows] == expected[:3], (today, colour)
            assert alone.total == len(expected)
