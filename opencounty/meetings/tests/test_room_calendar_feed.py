"""A room's iCalendar feed: parsed back with icalendar, it holds the room's approved conferences
only, at the right moments (TZID Asia/Shanghai); the address's token is the key, and the office
rotates it."""

from datetime import UTC, timedelta

import icalendar
import pytest
from django.urls import reverse

from opencounty.meetings import actions
from opencounty.meetings.models import Room
from opencounty.meetings.tests.conftest import soon


def _apply(user, unit, title, start, hours, room_list):
    return actions.apply(
        unit,
        user,
        {
            "title": title,
            "start": start,
            "end": start + timedelta(hours=hours),
            "rooms": room_list,
            "participants": "各乡镇主要负责人",
        },
    )


@pytest.fixture
def feed_url(rooms):
    def url(room: Room) -> str:
        room.refresh_from_db()
        return reverse("meetings:room_feed", args=[room.pk, room.feed_token])

    return url


def test_the_feed_holds_the_rooms_approved_conferences_at_the_right_times(
    client, cg_officer, qs_officer, office, rooms, feed_url
):
    start = soon(days=3, hour=9)
    approved = _apply(
        cg_officer, rooms["T01"].unit, "全县防汛视频会", start, 1.5, [rooms["centre"], rooms["T01"]]
    )
    actions.approve(approved, office)
    _apply(
        qs_officer, rooms["T02"].unit, "待审批的会", start + timedelta(days=1), 1, [rooms["centre"]]
    )
    refused = _apply(
        qs_officer, rooms["T02"].unit, "未批准的会", start + timedelta(days=2), 1, [rooms["centre"]]
    )
    actions.refuse(refused, office, "改期")
    other_room = _apply(qs_officer, rooms["T02"].unit, "别的会场", start, 1, [rooms["T02"]])
    actions.approve(other_room, office)

    response = client.get(feed_url(rooms["centre"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["全县防汛视频会"]
    event = events[0]
    assert event["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert event.decoded("dtstart") == start
    assert event.decoded("dtstart").astimezone(UTC).hour == 1  # 09:00 in Beijing
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=1.5)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert "城关镇分会场" in str(event["location"])
    assert str(event["uid"]) == f"conference-{approved.pk}@opencounty.meetings"


def test_a_wrong_or_rotated_token_finds_nothing(client, office, rooms, feed_url):
    room = rooms["centre"]
    old = feed_url(room)
    assert client.get(old).status_code == 200
    assert client.get(reverse("meetings:room_feed", args=[room.pk, "guess"])).status_code == 404
    other = reverse("meetings:room_feed", args=[rooms["T01"].pk, room.feed_token])
    assert client.get(other).status_code == 404
    actions.rotate_feed_token(room, office)
    assert client.get(old).status_code == 404
    assert client.get(feed_url(room)).status_code == 200
    assert client.post(feed_url(room)).status_code == 405


def test_only_the_office_rotates_a_token(cg_officer, rooms):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.rotate_feed_token(rooms["T01"], cg_officer)
