"""The demo's emergency phase: rosters with one gap, three incidents (closed, overdue 续报,
fresh) and one active yellow warning, on whatever day it is built."""

import random
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import persona
from opencounty.core.models import Role, Unit
from opencounty.demo import emergency as demo
from opencounty.emergency import banner
from opencounty.emergency.admin_views import open_incidents
from opencounty.emergency.models import DutyShift
from opencounty.emergency.rosters import gaps

pytestmark = pytest.mark.django_db


def test_the_demo_builds_what_the_issue_asks_quickly(django_capture_on_commit_callbacks):
    office = persona("office_dispatcher", "001", Role.INFORMATION_OFFICER)
    persona("chengguan_officer", "T01", Role.INFORMATION_OFFICER)
    persona("qingshi_officer", "T02", Role.INFORMATION_OFFICER)
    today = timezone.localdate()
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        line = demo.build(random.Random(1), today)
    assert time.perf_counter() - started < 15
    assert "黄色预警 1 条" in line and demo.is_built()

    units = list(Unit.objects.all())
    assert DutyShift.objects.filter(day=today + timedelta(days=29)).count() == len(units)
    assert [(u.code, d - today) for u, d in gaps(units, today, 7)] == [("T02", timedelta(3))]

    rows = open_incidents(office, timezone.now())
    assert sorted((r["case"].title, r["level"]) for r in rows) == [
        ("城关镇农贸市场火情", None),
        ("青石镇山体滑坡", "red"),
    ]
    warnings = banner.active_warnings()
    assert [w["level"] for w in warnings] == ["yellow"]
