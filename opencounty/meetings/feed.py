"""The iCalendar feed of a room: its approved conferences, for staff calendar apps to subscribe
to. The address carries the room's secret token (docs/decisions/0018)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from opencounty.meetings.models import Conference, Room

PAST_DAYS = 180  # how far back the feed reaches; calendar apps keep what they have seen


def room_calendar(room: Room, now: datetime) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//OpenCounty//meetings//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{room.name} 视频会议")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    conferences = (
        Conference.objects.filter(
            rooms=room, state=Conference.State.APPROVED, end__gte=now - timedelta(days=PAST_DAYS)
        )
        .select_related("unit")
        .prefetch_related("rooms")
        .order_by("start")
    )
    for conference in conferences:
        event = icalendar.Event()
        event.add("uid", f"conference-{conference.pk}@opencounty.meetings")
        event.add("dtstamp", conference.decided_at or conference.created_at or timezone.now())
        event.add("dtstart", conference.start.astimezone(zone))
        event.add("dtend", conference.end.astimezone(zone))
        event.add("summary", conference.title)
        event.add("location", "、".join(r.name for r in conference.rooms.all()))
        event.add(
            "description",
            f"{conference.reference} {conference.unit.name}\n参会人员：{conference.participants}",
        )
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
