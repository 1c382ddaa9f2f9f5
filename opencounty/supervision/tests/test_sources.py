"""The extension points: sub-items with their own deadlines, domain flags and the guide check,
registered here the way a domain app registers them in its AppConfig.ready()."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from openpyxl import load_workbook

from opencounty.core.models import Unit
from opencounty.disclosure import kind as disclosure
from opencounty.interaction.models import Letter
from opencounty.supervision import assessment, board, exports, sources
from opencounty.supervision.board import Filters
from opencounty.supervision.tests.helpers import disclosure_request, letter, place, rated_letter

pytestmark = pytest.mark.django_db


def consultation_steps(cases):
    """A step per registered request, due the day its clock started (so it is overdue)."""
    return [
        sources.SubItem(
            case=case,
            label="征求第三方意见",
            unit=Unit.objects.get(code="T02"),
            state_label="待回复",
            due_on=case.clock_started_on,
            flags=("环节超时限",),
        )
        for case in cases.filter(
            kind=disclosure.DISCLOSURE_REQUEST.code, state=disclosure.REGISTERED
        )
    ]


def letters_without_reply(cases):
    return {case.pk: ["尚未起草答复"] for case in cases.filter(kind="letter", reply="")}


def dissatisfied_letters(cases):
    """Closed letters rated 不满意 (1), a flag on closed cases."""
    return {case.pk: ["评价不满意"] for case in cases.filter(kind="letter", rating=1)}


def guides_without_phone(units):
    """Each unit without a disclosure phone counts one incomplete guide."""
    return [
        sources.IncompleteGuide(unit_id=unit.pk, title="办事指南", missing=("咨询电话",))
        for unit in Unit.objects.filter(pk__in=[u.pk for u in units], disclosure_phone="")
    ]


@pytest.fixture
def registered():
    for func, register in [
        (consultation_steps, sources.register_sub_items),
        (letters_without_reply, sources.register_flags),
        (guides_without_phone, sources.register_guide_check),
    ]:
        register(func)
        register(func)  # registering twice changes nothing
    yield
    for func in (consultation_steps, letters_without_reply, guides_without_phone):
        sources.unregister(func)


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("sv_root", "root@example.org", "x")


def test_sub_items_get_their_own_rows_colours_and_flags(registered, superuser):
    request = disclosure_request(received_on=date(2026, 9, 21))
    result = board.build(superuser, Filters(), date(2026, 9, 23))
    rows = [row for row in result.rows if row.case == request]
    assert [(str(r.item), r.colour) for r in rows] == [
        ("征求第三方意见", board.RED),
        ("", board.NONE),
    ]
    step = rows[0]
    assert step.unit.code == "T02" and step.remaining == -2 and step.flags == ["环节超时限"]
    sheet = load_workbook(BytesIO(exports.board_workbook(rows))).active
    assert [line[3] for line in sheet.iter_rows(min_row=4, values_only=True)] == [
        "征求第三方意见",
        None,
    ]


def test_domain_flags_are_added_to_the_case_row(registered, superuser):
    case = place(letter("T01"), due_on=date(2026, 10, 26))
    row = next(
        r for r in board.build(superuser, Filters(), date(2026, 10, 1)).rows if r.case == case
    )
    assert row.flags == ["尚未起草答复"]


def test_a_flagged_closed_case_stays_on_the_board_for_a_month(superuser):
    sources.register_flags(dissatisfied_letters)
    try:
        unhappy = rated_letter("T01", Letter.Rating.DISSATISFIED)
        happy = rated_letter("T01", Letter.Rating.SATISFIED)
        today = timezone.localdate(unhappy.closed_at)
        shown = {r.case.pk: r for r in board.build(superuser, Filters(), today).rows}
        assert unhappy.pk in shown and happy.pk not in shown
        assert shown[unhappy.pk].flags == ["已办结", "评价不满意"]
        assert shown[unhappy.pk].colour == board.NONE and shown[unhappy.pk].remaining is None
        later = today + timedelta(days=board.FLAGGED_CLOSED_DAYS + 1)
        assert unhappy.pk not in {r.case.pk for r in board.build(superuser, Filters(), later).rows}
    finally:
        sources.unregister(dissatisfied_letters)


def test_every_page_of_the_board_is_its_part_of_the_whole_list(registered, superuser):
    """Pages read from the database by offset, with sub-items and a flagged closed case held in
    memory merged in: laid end to end they are the whole board, for every page size, with and
    without a colour filter."""
    sources.register_flags(dissatisfied_letters)
    try:
        unhappy = rated_letter("T02", Letter.Rating.DISSATISFIED)
        today = timezone.localdate(unhappy.closed_at)
        for days in range(-12, 14, 2):
            place(letter("T01" if days % 4 else "T02"), due_on=today + timedelta(days=days))
        for days in (3, 9):  # registered requests: each has an overdue step (a sub-item)
            disclosure_request(received_on=today - timedelta(days=days))

        def keys(rows):
            return [(row.case.pk, str(row.item), row.colour) for row in rows]

        for colour in ("", board.RED, board.NONE):
            whole = board.build(superuser, Filters(colour=colour), today)
            assert len(whole.rows) == whole.total
            if not colour:
                assert any(row.item for row in whole.rows)
                assert unhappy.pk in {row.case.pk for row in whole.rows}
            for size in (1, 2, 3, 7):
                pages = [
                    board.build(superuser, Filters(colour=colour), today, size, offset)
                    for offset in range(0, whole.total + size, size)
                ]
                assert all(len(page.rows) <= size for page in pages)
                assert keys(row for page in pages for row in page.rows) == keys(whole.rows), (
                    colour,
                    size,
                )
                assert {page.total for page in pages} == {whole.total}
    finally:
        sources.unregister(dissatisfied_letters)


def test_without_registrations_there_are_no_extra_rows_or_flags(superuser):
    request = disclosure_request(received_on=date(2026, 9, 21))
    rows = [
        r for r in board.build(superuser, Filters(), date(2026, 9, 23)).rows if r.case == request
    ]
    assert [(str(r.item), r.flags) for r in rows] == [("", [])]


def test_the_guide_check_counts_in_the_assessment(registered):
    Unit.objects.filter(code="T02").update(disclosure_phone="")
    units = Unit.objects.filter(code__in=["T01", "T02"])
    result = assessment.assess(units, assessment.Month(2026, 10), date(2026, 11, 10))
    assert {row.unit.code: row.incomplete_guides for row in result.rows} == {"T01": 0, "T02": 1}


def test_incomplete_guides_are_zero_until_an_app_registers_a_check():
    Unit.objects.filter(code="T02").update(disclosure_phone="")
    assert sources.incomplete_guides([Unit.objects.get(code="T02")]) == {
        Unit.objects.get(code="T02").pk: []
    }
