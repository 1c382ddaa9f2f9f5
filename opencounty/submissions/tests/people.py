"""Personas and a short way to a sent item, for the submissions tests."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.submissions import actions

ZONE = timezone.get_fixed_timezone(8 * 60)


def at(text: str) -> datetime:
    """A Beijing time, e.g. at("2026-03-02 09:00")."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ZONE)


def item_data(**changes) -> dict:
    data = {
        "title": "城关镇推进老旧小区改造",
        "body": "城关镇今年完成三个老旧小区改造，惠及居民八百余户。",
        "category": "news",
        "urgency": "normal",
        "keywords": "老旧小区",
    }
    data.update(changes)
    return data


def sent_item(officer, approver, when: str = "2026-03-02 09:00", unit_code: str = "", **changes):
    """An item written by `officer`, sent for approval and approved by `approver` at `when`."""
    unit = Unit.objects.get(code=unit_code) if unit_code else officer_unit(officer)
    item = actions.save_draft(unit, officer, item_data(**changes), at=at(when))
    actions.request_approval(item, officer, at=at(when))
    return actions.approve(item, approver, at=at(when))


def officer_unit(user) -> Unit:
    return Unit.objects.filter(role_groups__group__user=user).first()
