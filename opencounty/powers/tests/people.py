"""Personas and small builders for the powers tests (real actions, no mocks)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from conftest import persona
from opencounty.core.models import Role, Unit
from opencounty.powers import actions, penalty_actions
from opencounty.powers.models import Category, Power

BASIS = [
    {
        "law": "《中华人民共和国食品安全法》",
        "article": "第一百二十二条",
        "text": "未取得许可从事食品生产经营活动的，予以处罚。",
    }
]
STEPS = [
    {"name": "立案", "description": "", "days": 0},
    {"name": "调查取证", "description": "", "days": 30},
    {"name": "作出决定", "description": "", "days": 0},
]


def officer(unit_code: str, name: str = ""):
    """An information officer of a unit."""
    return persona(name or f"officer_{unit_code.lower()}", unit_code, Role.INFORMATION_OFFICER)


def reviewer(unit_code: str, name: str = ""):
    """A reviewer (审核人) of a unit."""
    return persona(name or f"reviewer_{unit_code.lower()}", unit_code, Role.REVIEWER)


def draft_power(
    actor,
    unit_code: str,
    *,
    code: str,
    name: str = "对未取得许可从事食品经营的处罚",
    category: str = Category.PENALTY,
    steps=STEPS,
    **extra,
) -> Power:
    data = {
        "code": code,
        "name": name,
        "category": category,
        "section": "执法大队",
        "responsibilities": "立案责任、调查责任、决定责任",
        "accountability": "不履行或不正确履行职责的",
        "time_limit": "90日",
        **extra,
    }
    return actions.save_power(
        actor, unit=Unit.objects.get(code=unit_code), data=data, bases=BASIS, steps=list(steps)
    )


def published_power(
    officer_user, reviewer_user, unit_code: str, *, code: str, on: date | None = None, **extra
) -> Power:
    power = draft_power(officer_user, unit_code, code=code, **extra)
    actions.submit_for_review(power, officer_user, reason="依法梳理，首次公布")
    actions.approve(power, reviewer_user, on=on or timezone.localdate())
    power.refresh_from_db()
    return power


def penalty_case(
    actor,
    unit_code: str,
    *,
    registered_on: date,
    power=None,
    party="张三丰",
    id_number="110101199003077774",
    person=True,
):
    return penalty_actions.register(
        actor,
        unit=Unit.objects.get(code=unit_code),
        power=power,
        party_kind="person" if person else "organisation",
        party_name=party,
        id_number=id_number if person else "",
        phone="13812345678",
        facts=f"{party}未取得食品经营许可从事食品销售，联系电话13812345678。",
        registered_on=registered_on,
    )
