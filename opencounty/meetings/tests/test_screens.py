"""The staff screens: a unit books through the form and sees only its own; the office approves
on the detail screen; a clash is shown with the booking in the way; strange input is refused in
Chinese, never a 500; the calendar, today's screen, statistics and rooms."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opencounty.meetings import actions
from opencounty.meetings.models import Conference, Room
from opencounty.meetings.tests.conftest import soon

FORMAT = "%Y-%m-%dT%H:%M"


def _post(client, unit, start, end, room_list, title="全县安全生产视频调度会"):
    return client.post(
        "/admin/meetings/new/",
        {
            "unit": unit.pk,
            "title": title,
            "start": start if isinstance(start, str) else start.strftime(FORMAT),
            "end": end if isinstance(end, str) else end.strftime(FORMAT),
            "rooms": [r.pk for r in room_list],
            "participants": "各乡镇分管负责人",
            "technical_needs": "",
        },
        follow=True,
    )


def test_a_unit_books_and_sees_only_its_own(client, cg_officer, qs_officer, rooms):
    client.force_login(cg_officer)
    start = soon(days=2, hour=9)
    page = _post(client, rooms["T01"].unit, start, start + timedelta(hours=1), [rooms["centre"]])
    text = page.content.decode()
    assert "申请已提交" in text and "待审批" in text
    conference = Conference.objects.get()
    assert conference.start == start and conference.unit.code == "T01"

    client.force_login(qs_officer)
    assert "全县安全生产视频调度会" not in client.get("/admin/meetings/").content.decode()
    assert client.get(f"/admin/meetings/{conference.pk}/").status_code == 404
    # Another unit's name on the form is not an option.
    page = _post(
        client,
        rooms["T01"].unit,
        start + timedelta(days=1),
        start + timedelta(days=1, hours=1),
        [rooms["T02"]],
    )
    assert "选择一个有效的选项" in page.content.decode()
    assert Conference.objects.count() == 1


def test_a_clash_is_refused_with_the_booking_in_the_way(client, cg_officer, qs_officer, rooms):
    start = soon(days=2, hour=14)
    client.force_login(cg_officer)
    _post(client, rooms["T01"].unit, start, start + timedelta(hours=2), [rooms["centre"]])
    client.force_login(qs_officer)
    page = _post(
        client,
        rooms["T02"].unit,
        start + timedelta(hours=1),
        start + timedelta(hours=3),
        [rooms["centre"]],
        title="青石镇的会",
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "会场时间冲突，申请未提交" in text
    assert 'id="meetings-clashes"' in text and "全县安全生产视频调度会" in text
    assert Conference.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("2030-03-05T10:00", "2030-03-05T09:00", "结束时间必须晚于开始时间"),
        ("2030-13-45T10:00", "2030-03-05T11:00", "请按“年-月-日 时:分”填写正确的时间"),
        ("明天", "", "请按“年-月-日 时:分”填写正确的时间"),
        ("99999-01-01T10:00", "99999-01-01T11:00", "请按“年-月-日 时:分”填写正确的时间"),
        ("2001-03-05T10:00", "2001-03-05T11:00", "开始时间已过"),
        ("0001-01-01T00:00", "0001-01-01T01:00", "请按“年-月-日 时:分”填写正确的时间"),
        ("9999-12-31T22:00", "9999-12-31T23:59", "请按“年-月-日 时:分”填写正确的时间"),
    ],
)
def test_strange_times_are_refused_in_chinese(client, cg_officer, rooms, start, end, words):
    client.force_login(cg_officer)
    page = _post(client, rooms["T01"].unit, start, end, [rooms["T01"]])
    assert page.status_code == 200
    assert words in page.content.decode()
    assert not Conference.objects.exists()


def test_the_office_approves_on_the_detail_screen(client, cg_officer, office, technician, rooms):
    start = soon(days=3, hour=9)
    conference = actions.apply(
        rooms["T01"].unit,
        cg_officer,
        {
            "title": "全县防汛会",
            "start": start,
            "end": start + timedelta(hours=1),
            "rooms": [rooms["T01"]],
            "participants": "镇领导",
        },
    )
    client.force_login(cg_officer)
    assert "批准" not in client.get(f"/admin/meetings/{conference.pk}/").content.decode().split(
        "办理"
    )[-1].replace("撤销申请", "")
    page = client.post(f"/admin/meetings/{conference.pk}/", {"verb": "approve"}, follow=True)
    assert "只有县电子政务办可以执行此操作" in page.content.decode()
    client.force_login(office)
    page = client.post(
        f"/admin/meetings/{conference.pk}/",
        {
            "verb": "approve",
            "approve-technician": technician.pk,
            "approve-test_call_at": (start - timedelta(hours=2)).strftime(FORMAT),
        },
        follow=True,
    )
    text = page.content.decode()
    assert "已批准，已生成会议保障清单" in text and "保存保障清单" in text
    conference.refresh_from_db()
    assert conference.state == Conference.State.APPROVED
    assert conference.checklist.test_call_at == start - timedelta(hours=2)
    page = client.post(f"/admin/meetings/{conference.pk}/", {"verb": "explode"}, follow=True)
    assert "未知的操作" in page.content.decode()
    page = client.post(
        f"/admin/meetings/{conference.pk}/",
        {"verb": "assign", "assign-test_call_at": "not a time"},
        follow=True,
    )
    assert "请按“年-月-日 时:分”填写正确的时间" in page.content.decode()
    page = client.post(
        f"/admin/meetings/{conference.pk}/",
        {"verb": "assign", "assign-test_call_at": "0001-01-01T00:00"},
        follow=True,
    )
    assert "请按“年-月-日 时:分”填写正确的时间" in page.content.decode()


def test_today_calendar_statistics_and_rooms_screens(client, cg_officer, office, technician, rooms):
    now = timezone.localtime()
    start = now.replace(hour=23, minute=0, second=0, microsecond=0)
    if start <= now:  # building at 23:00 or later: tomorrow instead
        start += timedelta(days=1)
    conference = actions.apply(
        rooms["T01"].unit,
        cg_officer,
        {
            "title": "今晚的调度会",
            "start": start,
            "end": start + timedelta(minutes=50),
            "rooms": [rooms["T01"], rooms["centre"]],
            "participants": "镇领导",
        },
    )
    actions.approve(conference, office, technician=technician)
    client.force_login(office)
    day = timezone.localtime(start).date()
    if day == timezone.localdate():
        today = client.get("/admin/meetings/today/").content.decode()
        assert "今晚的调度会" in today and "mt_tech" in today
    month = client.get(f"/admin/meetings/calendar/?day={day:%Y-%m-%d}").content.decode()
    assert "今晚的调度会" in month and f'data-day="{day:%Y-%m-%d}"' in month
    week = client.get(f"/admin/meetings/calendar/?view=week&day={day:%Y-%m-%d}").content.decode()
    assert "今晚的调度会" in week and "23:00–23:50" in week
    for strange in ("garbage", "99999-01-01", "1000-01-01", "2026-02-30", "%00"):
        page = client.get("/admin/meetings/calendar/", {"day": strange, "view": "week"})
        assert page.status_code == 200
    for strange in ("abc", "-5", "99999999999999999999"):
        assert client.get("/admin/meetings/statistics/", {"year": strange}).status_code == 200
    assert client.get("/admin/meetings/", {"state": "nope", "room": "x"}).status_code == 200
    rooms_page = client.get("/admin/meetings/rooms/").content.decode()
    assert rooms["centre"].feed_token in rooms_page and "更换地址" in rooms_page

    # A township's staff: their room's feed address, not the others'; no office screens.
    client.force_login(cg_officer)
    rooms_page = client.get("/admin/meetings/rooms/").content.decode()
    assert rooms["T01"].feed_token in rooms_page
    assert rooms["centre"].feed_token not in rooms_page and "更换地址" not in rooms_page
    # Wagtail answers a refused screen with a redirect to the dashboard.
    for refused in (
        client.get("/admin/meetings/today/"),
        client.get("/admin/meetings/rooms/new/"),
        client.post(f"/admin/meetings/rooms/{rooms['T01'].pk}/rotate/"),
    ):
        assert refused.status_code == 302 and refused["Location"] == "/admin/"
    token = rooms["T01"].feed_token
    rooms["T01"].refresh_from_db()
    assert rooms["T01"].feed_token == token


def test_the_office_adds_and_edits_rooms(client, office, rooms):
    client.force_login(office)
    page = client.post(
        "/admin/meetings/rooms/new/",
        {
            "name": "县应急局分会场",
            "kind": "department",
            "location": "三楼",
            "capacity": 20,
            "order": 5,
            "active": "on",
        },
        follow=True,
    )
    assert "会场已保存" in page.content.decode()
    room = Room.objects.get(name="县应急局分会场")
    page = client.post(
        f"/admin/meetings/rooms/{room.pk}/",
        {"name": "城关镇分会场", "kind": "department", "capacity": 20, "order": 5},
        follow=True,
    )
    assert "已有同名会场“城关镇分会场”" in page.content.decode()
    page = client.post(
        f"/admin/meetings/rooms/{room.pk}/",
        {"name": "县应急局分会场", "kind": "department", "capacity": -3, "order": 5},
    )
    assert page.status_code == 200 and "保存未成功" in page.content.decode()
