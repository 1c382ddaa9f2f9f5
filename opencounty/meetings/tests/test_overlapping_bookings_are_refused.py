"""A room holds one conference at a time: an overlapping booking is refused, in Chinese, naming
the booking in the way; touching bookings are fine; a refused or withdrawn booking frees it."""

from datetime import UTC

import pytest

from opencounty.core.models import AuditEntry
from opencounty.meetings import actions
from opencounty.meetings.models import Conference
from opencounty.meetings.tests.conftest import BEFORE, at, book


def test_it_refuses_a_booking_overlapping_a_pending_one_and_names_it(cg_officer, qs_officer, rooms):
    first = book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:30", [rooms["centre"]])
    with pytest.raises(actions.BookingClash) as refused:
        book(
            qs_officer,
            "T02",
            "2030-03-05 10:00",
            "2030-03-05 11:00",
            [rooms["T02"], rooms["centre"]],
            title="青石镇工作会",
        )
    message = str(refused.value)
    assert "会场时间冲突" in message
    assert "县视频会议中心" in message and "全县安全生产视频调度会" in message
    assert "城关镇" in message and "2030-03-05 09:00" in message and "10:30" in message
    assert [c.conference for c in refused.value.clashes] == [first]
    assert Conference.objects.count() == 1
    assert AuditEntry.objects.filter(action="meetings.apply", outcome="failure").exists()


def test_it_refuses_a_booking_overlapping_an_approved_one(cg_officer, qs_officer, office, rooms):
    first = book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 12:00", [rooms["centre"]])
    actions.approve(first, office, at=BEFORE)
    with pytest.raises(actions.BookingClash, match="已批准"):
        book(qs_officer, "T02", "2030-03-05 10:00", "2030-03-05 10:30", [rooms["centre"]])


def test_touching_bookings_do_not_overlap(cg_officer, qs_officer, rooms):
    book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["centre"]])
    after = book(qs_officer, "T02", "2030-03-05 10:00", "2030-03-05 11:00", [rooms["centre"]])
    before = book(qs_officer, "T02", "2030-03-05 08:00", "2030-03-05 09:00", [rooms["centre"]])
    assert after.state == before.state == Conference.State.PENDING


def test_other_rooms_at_the_same_time_are_free(cg_officer, qs_officer, rooms):
    book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T01"]])
    other = book(qs_officer, "T02", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T02"]])
    assert other.pk


def test_a_refused_or_withdrawn_booking_frees_the_room(cg_officer, qs_officer, office, rooms):
    first = book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["centre"]])
    actions.refuse(first, office, "请改用本单位会议室", at=BEFORE)
    second = book(qs_officer, "T02", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["centre"]])
    actions.withdraw(second, qs_officer, at=BEFORE)
    third = book(cg_officer, "T01", "2030-03-05 09:30", "2030-03-05 10:00", [rooms["centre"]])
    assert third.state == Conference.State.PENDING


@pytest.mark.parametrize(
    ("start", "end", "changes", "words"),
    [
        ("2030-03-05 10:00", "2030-03-05 09:00", {}, "结束时间必须晚于开始时间"),
        ("2030-03-05 10:00", "2030-03-05 10:00", {}, "结束时间必须晚于开始时间"),
        ("2030-03-05 08:00", "2030-03-05 21:00", {}, "不能超过 12 小时"),
        ("2030-02-01 09:00", "2030-02-01 10:00", {}, "开始时间已过"),
        ("2030-03-05 09:00", "2030-03-05 10:00", {"title": "  "}, "请填写会议名称"),
        ("2030-03-05 09:00", "2030-03-05 10:00", {"title": "会\x00议"}, "不能保存的字符"),
        ("2030-03-05 09:00", "2030-03-05 10:00", {"title": "长" * 101}, "不能超过 100 字"),
        ("2030-03-05 09:00", "2030-03-05 10:00", {"rooms": []}, "请至少选择一个会场"),
        ("2030-03-05 09:00", "2030-03-05 10:00", {"start": "明天上午"}, "请填写正确的开始时间"),
        ("2030-03-05 09:00", "2030-03-05 10:00", {"owner": "x"}, "未知的字段"),
    ],
)
def test_bad_bookings_are_refused_in_chinese(cg_officer, rooms, start, end, changes, words):
    with pytest.raises(actions.MeetingRefused, match=words):
        book(cg_officer, "T01", start, end, [rooms["centre"]], **changes)
    assert not Conference.objects.exists()


def test_a_room_closed_for_booking_is_refused(cg_officer, office, rooms):
    data = {"name": "城关镇分会场", "kind": "township", "unit": rooms["T01"].unit, "active": False}
    actions.save_room(rooms["T01"], office, data)
    with pytest.raises(actions.MeetingRefused, match="会场暂停预约：城关镇分会场"):
        book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T01"]])


def test_times_are_compared_as_moments_whatever_their_zone(cg_officer, qs_officer, rooms):
    book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["centre"]])
    utc_start = at("2030-03-05 09:30").astimezone(UTC)  # 01:30 UTC: inside 09:00–10:00
    with pytest.raises(actions.BookingClash):
        book(
            qs_officer,
            "T02",
            "2030-03-05 09:30",
            "2030-03-05 11:00",
            [rooms["centre"]],
            start=utc_start,
        )
