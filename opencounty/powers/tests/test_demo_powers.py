"""The demo's powers phase: lists for every unit, enforcement bases, penalty cases in every
step (one late to decide, one late to publish) and 双公示 entries, one already withdrawn."""

import random

import pytest
from django.utils import timezone

from conftest import persona
from opencounty.cases import clock
from opencounty.cases.models import Case
from opencounty.core.models import Role, Unit
from opencounty.demo import powers as demo
from opencounty.powers import penalty_actions
from opencounty.powers.models import Power, PowerVersion, Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def emergency_department():
    """县应急管理局 with an officer and a reviewer (the small test county has two departments)."""
    unit = Unit.objects.create(
        code="D20", name="示范县应急管理局", short_name="县应急管理局", kind=Unit.Kind.DEPARTMENT
    )
    persona("yj_officer", "D20", Role.INFORMATION_OFFICER)
    persona("yj_reviewer", "D20", Role.REVIEWER)
    return unit


def test_the_demo_builds_lists_cases_and_publicity(emergency_department):
    today = timezone.localdate()
    line = demo.build(random.Random(1), today)
    assert demo.is_built()
    assert "项权力" in line and "10 件行政处罚案件" in line
    units = Unit.objects.exclude(kind__in=["county_government", "county_office"])
    for unit in units:
        assert PowerVersion.objects.filter(unit=unit, is_current=True).exists(), unit.name
    assert Power.objects.filter(state=Power.State.PENDING).exists()
    assert PowerVersion.objects.filter(number=2).exists()
    assert PowerVersion.objects.exclude(steps=[]).exists()
    cases = list(Case.objects.filter(kind="penalty"))
    assert {c.state for c in cases} == {
        "registered",
        "investigated",
        "notified",
        "decided",
        "delivered",
        "executed",
        "closed",
    }
    assert any(clock.warning_level(c, today) == "red" for c in cases)
    late = [
        c
        for c in cases
        if c.state == "decided"
        and not Publication.objects.filter(case=c).exists()
        and today > penalty_actions.publish_due(c.penalty.decided_on)
    ]
    assert late
    entries = Publication.objects.all()
    assert any(not e.is_shown_on(today) for e in entries)
    assert any(e.is_shown_on(today) for e in entries)
