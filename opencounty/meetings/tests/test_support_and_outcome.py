"""会中保障 and 会后处理: the assigned technician keeps the checklist, the office sees today's
conferences with theirs, 我的待办 lists what waits; after the meeting the office records minutes,
recording and attendance, and the year's figures count them."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opencounty.core import todo
from opencounty.meetings import actions, schedule
from opencounty.meetings.models import Attendance
from opencounty.meetings.tests.conftest import BEFORE, ZONE, at, book

ALL = {"test_call_done": True, "cameras_ok": True, "sound_ok": True, "recording_ok": True}


@pytest.fixture
def approved(cg_officer, office, technician, rooms):
    conference = book(
        cg_officer,
        "T01",
        "2030-03-05 09:00",
        "2030-03-05 10:30",
        [rooms["centre"], rooms["T01"], rooms["T02"]],
    )
    return actions.approve(conference, office, technician=technician, at=BEFORE)


def test_the_technician_ticks_the_checklist_until_it_is_complete(approved, technician):
    checklist = actions.keep_checklist(
        approved, technician, {"test_call_done": True}, "主会场已联调", at=BEFORE
    )
    assert checklist.done_count == 1 and checklist.completed_at is None
    checklist = actions.keep_checklist(approved, technician, ALL, at=at("2030-03-05 08:20"))
    assert checklist.complete and checklist.completed_at == at("2030-03-05 08:20")


def test_only_the_technician_or_the_office_keeps_the_checklist(approved, qs_officer, cg_officer):
    for person in (qs_officer, cg_officer):
        with pytest.raises(PermissionDenied):
            actions.keep_checklist(approved, person, ALL, at=BEFORE)
    with pytest.raises(actions.MeetingRefused, match="未知的保障项目"):
        actions.keep_checklist(approved, approved.decided_by, {"coffee": True}, at=BEFORE)


def test_my_todo_lists_pending_approvals_and_checklists(cg_officer, office, technician, rooms):
    start = timezone.now() + timedelta(days=3)
    pending = actions.apply(
        rooms["T01"].unit,
        cg_officer,
        {
            "title": "待审批的会",
            "start": start,
            "end": start + timedelta(hours=1),
            "rooms": [rooms["T01"]],
            "participants": "镇领导",
        },
    )
    other = actions.apply(
        rooms["T01"].unit,
        cg_officer,
        {
            "title": "已批准的会",
            "start": start + timedelta(days=1),
            "end": start + timedelta(days=1, hours=1),
            "rooms": [rooms["T01"]],
            "participants": "镇领导",
        },
    )
    actions.approve(other, office, technician=technician)
    office_groups = {g.key: g for g in todo.groups_for(office, timezone.localdate())}
    assert [i.title for i in office_groups["meetings_pending"].items] == [pending.title]
    tech_groups = {g.key: g for g in todo.groups_for(technician, timezone.localdate())}
    assert [i.title for i in tech_groups["meetings_checklists"].items] == ["已批准的会"]
    unit_groups = {g.key for g in todo.groups_for(cg_officer, timezone.localdate())}
    assert not unit_groups & {"meetings_pending", "meetings_checklists"}


def test_the_office_records_minutes_recording_and_attendance(approved, office, rooms):
    with pytest.raises(actions.MeetingRefused, match="会议尚未开始"):
        actions.record_outcome(
            approved, office, minutes="", recording_location="", attendance={}, at=BEFORE
        )
    after = at("2030-03-05 11:00")
    actions.record_outcome(
        approved,
        office,
        minutes="部署了春季安全生产工作。",
        recording_location="录像服务器/2030/0305",
        attendance={rooms["centre"].pk: (True, 40), rooms["T02"].pk: (False, 5)},
        at=after,
    )
    approved.refresh_from_db()
    assert approved.closed_at == after and approved.recording_location == "录像服务器/2030/0305"
    rows = {row.room_id: (row.joined, row.attendees) for row in Attendance.objects.all()}
    assert rows == {rooms["centre"].pk: (True, 40), rooms["T02"].pk: (False, 0)}
    with pytest.raises(actions.MeetingRefused, match="未预约的会场"):
        actions.record_outcome(
            approved,
            office,
            minutes="",
            recording_location="",
            attendance={999999: (True, 1)},
            at=after,
        )


def test_the_year_counts_conferences_sites_and_hours(approved, cg_officer, office, rooms):
    actions.record_outcome(
        approved,
        office,
        minutes="",
        recording_location="",
        attendance={
            rooms["centre"].pk: (True, 40),
            rooms["T01"].pk: (True, 10),
            rooms["T02"].pk: (False, 0),
        },
        at=at("2030-03-05 11:00"),
    )
    # New Year's Eve in Beijing is still 2030, though it is 2030-12-31 15:00 in UTC.
    late = book(cg_officer, "T01", "2030-12-31 23:00", "2031-01-01 00:30", [rooms["T01"]])
    actions.approve(late, office, at=BEFORE)
    # Not counted: pending, refused, and the next year.
    book(cg_officer, "T01", "2030-06-01 09:00", "2030-06-01 10:00", [rooms["T01"]])
    nxt = book(cg_officer, "T01", "2031-01-01 09:00", "2031-01-01 10:00", [rooms["T01"]])
    actions.approve(nxt, office, at=BEFORE)
    figures = schedule.statistics(2030, datetime(2031, 6, 1, tzinfo=ZONE))
    assert figures.conferences == 2
    assert figures.sites == 2 + 1  # attendance recorded: 2 joined; none recorded: 1 room booked
    assert figures.hours == 3.0  # 1.5 + 1.5
    assert figures.months[2] == (3, 1, 2, 1.5) and figures.months[11] == (12, 1, 1, 1.5)
    assert schedule.statistics(2031, datetime(2031, 6, 1, tzinfo=ZONE)).conferences == 1
    # A conference not yet held is not counted.
    assert schedule.statistics(2030, at("2030-03-05 10:00")).conferences == 0
