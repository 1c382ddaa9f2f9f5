"""Every meetings screen, with data on it, reads in Chinese (no English a person would read)."""

from datetime import timedelta

from django.utils import timezone

from opencounty.core.tests.admin_text import english_in, read_screen
from opencounty.meetings import actions
from opencounty.meetings.tests.conftest import soon


def _english(response) -> list[str]:
    assert response.status_code == 200
    return [text for text in read_screen(response.content.decode()).texts if english_in(text)]


def test_the_screens_speak_chinese(client, cg_officer, office, technician, rooms):
    start = soon(days=1, hour=9)
    data = {
        "title": "全县防汛会",
        "start": start,
        "end": start + timedelta(hours=1),
        "rooms": [rooms["T01"], rooms["centre"]],
        "participants": "镇领导",
    }
    pending = actions.apply(rooms["T01"].unit, cg_officer, data)
    later = data | {"start": start + timedelta(days=1), "end": start + timedelta(days=1, hours=1)}
    approved = actions.approve(actions.apply(rooms["T01"].unit, cg_officer, later), office)
    day = timezone.localtime(start).date()
    screens = [
        "/admin/meetings/",
        "/admin/meetings/new/",
        f"/admin/meetings/{pending.pk}/",
        f"/admin/meetings/{approved.pk}/",
        "/admin/meetings/today/",
        f"/admin/meetings/calendar/?day={day:%Y-%m-%d}",
        f"/admin/meetings/calendar/?view=week&day={day:%Y-%m-%d}",
        "/admin/meetings/statistics/",
        "/admin/meetings/rooms/",
        "/admin/meetings/rooms/new/",
        f"/admin/meetings/rooms/{rooms['T01'].pk}/",
    ]
    client.force_login(office)
    for url in screens:
        assert _english(client.get(url)) == [], url
    client.force_login(cg_officer)
    for url in screens[:4]:
        assert _english(client.get(url)) == [], url
