"""Personas, rooms and a short way to a booking, for the meetings tests."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from conftest import persona
from opencounty.core.models import Role, Unit
from opencounty.meetings import actions
from opencounty.meetings.models import Room

ZONE = timezone.get_fixed_timezone(8 * 60)


def at(text: str) -> datetime:
    """A Beijing time, e.g. at("2030-03-05 09:00")."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ZONE)


BEFORE = at("2030-03-01 08:00")  # the moment applications in these tests are made


def booking(
    start: str, end: str, room_list, /, title: str = "全县安全生产视频调度会", **changes
) -> dict:
    data = {
        "title": title,
        "start": at(start),
        "end": at(end),
        "rooms": list(room_list),
        "participants": "各乡镇分管负责人",
        "technical_needs": "需全程录像",
    }
    data.update(changes)
    return data


def book(user, unit_code: str, start: str, end: str, room_list, /, when=BEFORE, **changes):
    unit = Unit.objects.get(code=unit_code)
    return actions.apply(unit, user, booking(start, end, room_list, **changes), at=when)


@pytest.fixture
def office(db):
    """A handling member of the county e-government office, who approves bookings."""
    return persona("mt_office", "001", Role.HEADLINE_REVIEWER)


@pytest.fixture
def technician(db):
    """Technical staff of the county office (a handling role there)."""
    return persona("mt_tech", "001", Role.INFORMATION_OFFICER)


@pytest.fixture
def cg_officer(db):
    return persona("mt_cg", "T01", Role.INFORMATION_OFFICER)


@pytest.fixture
def qs_officer(db):
    return persona("mt_qs", "T02", Role.INFORMATION_OFFICER)


@pytest.fixture
def rooms(office) -> dict[str, Room]:
    def make(name, kind, code):
        data = {"name": name, "kind": kind, "unit": Unit.objects.get(code=code), "active": True}
        return actions.save_room(None, office, data)

    return {
        "centre": make("县视频会议中心", Room.Kind.CENTRE, "001"),
        "T01": make("城关镇分会场", Room.Kind.TOWNSHIP, "T01"),
        "T02": make("青石镇分会场", Room.Kind.TOWNSHIP, "T02"),
    }


def soon(days: int = 2, hour: int = 9) -> datetime:
    """A Beijing time `days` from the real today: for screens, which act on the real clock."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)
