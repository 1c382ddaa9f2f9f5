"""A 专报 runs on the case engine's minute clock: yellow as its hour runs out, red when it has
run out while still in the unit, flagged 专报迟报 on the supervision board once sent late."""

from datetime import timedelta

import pytest
import time_machine

from opencounty.cases.models import Case
from opencounty.core.models import Unit
from opencounty.submissions import actions
from opencounty.submissions.tests.people import at, item_data
from opencounty.supervision import board

pytestmark = pytest.mark.django_db

EVENT = "2026-12-02 09:00"


def draft(officer, **changes):
    fields = {
        "title": "城关镇突发山体滑坡",
        "category": "special",
        "source_note": "现场照片已存档",
        "event_at": at(EVENT),
    }
    data = item_data(**{**fields, **changes})
    return actions.save_draft(Unit.objects.get(code="T01"), officer, data, at=at(EVENT))


def board_row(user, item, moment):
    with time_machine.travel(moment, tick=False):
        rows = board.build(user, board.Filters(), moment.date()).rows
    return next((row for row in rows if row.case.pk == item.clock_id), None)


def test_the_hour_runs_from_the_event_and_turns_red_in_the_unit(
    chengguan_officer, chengguan_reviewer
):
    item = draft(chengguan_officer)
    clock = Case.objects.get(pk=item.clock_id)
    assert clock.kind == "special_report" and clock.due_at == at(EVENT) + timedelta(hours=1)
    assert board_row(chengguan_reviewer, item, at("2026-12-02 09:30")).colour == "none"
    assert board_row(chengguan_reviewer, item, at("2026-12-02 09:50")).colour == "yellow"
    late = board_row(chengguan_reviewer, item, at("2026-12-02 10:05"))
    assert late.colour == "red" and late.remaining == -5


def test_sent_in_time_it_leaves_the_board_and_sent_late_it_is_flagged(
    chengguan_officer, chengguan_reviewer
):
    on_time = draft(chengguan_officer)
    actions.request_approval(on_time, chengguan_officer, at=at("2026-12-02 09:20"))
    actions.approve(on_time, chengguan_reviewer, at=at("2026-12-02 09:40"))
    assert board_row(chengguan_reviewer, on_time, at("2026-12-02 11:00")) is None

    late = draft(chengguan_officer, title="城关镇突发山体滑坡续")
    actions.request_approval(late, chengguan_officer, at=at("2026-12-02 10:20"))
    late = actions.approve(late, chengguan_reviewer, at=at("2026-12-02 10:40"))
    assert late.is_late
    row = board_row(chengguan_reviewer, late, at("2026-12-02 11:00"))
    assert row is not None and "专报迟报" in row.flags


def test_a_corrected_event_time_moves_the_deadline_and_a_plain_item_has_none(
    chengguan_officer, chengguan_reviewer
):
    item = draft(chengguan_officer)
    item = actions.save_draft(
        item.unit,
        chengguan_officer,
        item_data(
            title=item.title,
            category="special",
            source_note="现场照片已存档",
            event_at=at("2026-12-02 09:30"),
        ),
        submission=item,
        at=at("2026-12-02 09:35"),
    )
    assert Case.objects.get(pk=item.clock_id).due_at == at("2026-12-02 10:30")
    # No longer a 专报: the clock is withdrawn and nothing shows on the board.
    item = actions.save_draft(
        item.unit, chengguan_officer, item_data(), submission=item, at=at("2026-12-02 09:40")
    )
    assert Case.objects.get(pk=item.clock_id).state == "withdrawn"
    assert board_row(chengguan_reviewer, item, at("2026-12-02 12:00")) is None
    plain = actions.save_draft(
        Unit.objects.get(code="T01"), chengguan_officer, item_data(), at=at(EVENT)
    )
    assert plain.clock_id is None
