"""Personas and helpers for the emergency tests."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from conftest import persona
from opencounty.core.models import Role

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """A moment in the county's time, e.g. at("2026-03-02 23:30")."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


def _once(username: str, unit_code: str, role: str):
    existing = get_user_model().objects.filter(username=username).first()
    return existing or persona(username, unit_code, role)


def duty_officer():
    """A handling officer of the county e-government office, who keeps the duty desk."""
    return _once("office_duty", "001", Role.INFORMATION_OFFICER)


def township_officer(code: str = "T01", name: str = "cg_duty"):
    """An information officer of a township (城关镇 by default), its duty reporter."""
    return _once(name, code, Role.INFORMATION_OFFICER)
