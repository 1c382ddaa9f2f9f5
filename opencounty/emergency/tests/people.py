"""Personas and helpers for the emergency tests."""

from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import persona
from opencounty.core.models import Role

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """A moment in the county's time, e.g. at("2026-03-02 23:30")."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


def duty_officer():
    """A handling officer of the county e-government office, who keeps the duty desk."""
    return persona("office_duty", "001", Role.INFORMATION_OFFICER)


def township_officer(code: str = "T01", name: str = "cg_duty"):
    return persona(name, code, Role.INFORMATION_OFFICER)
