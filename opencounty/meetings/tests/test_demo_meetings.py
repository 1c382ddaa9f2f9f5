"""The demo's conferences: built through the actions on any date, quickly."""

import random
import time
from datetime import timedelta

from django.utils import timezone

from conftest import persona
from opencounty.core.models import Role
from opencounty.demo import meetings as demo
from opencounty.meetings import schedule
from opencounty.meetings.models import Conference, Room

State = Conference.State


def test_the_demo_builds_rooms_and_conferences_past_today_and_upcoming(db):
    for username, code, role in [
        ("office_headline", "001", Role.HEADLINE_REVIEWER),
        ("office_dispatcher", "001", Role.INFORMATION_OFFICER),
        ("county_officer", "000", Role.INFORMATION_OFFICER),
        ("chengguan_officer", "T01", Role.INFORMATION_OFFICER),
    ]:
        persona(username, code, role)
    today = timezone.localdate()
    started = time.perf_counter()
    line = demo.build(random.Random(1), today)
    took = time.perf_counter() - started
    assert took < 10, took
    assert demo.is_built()
    assert line.startswith("视频会议：")
    assert Room.objects.filter(kind=Room.Kind.CENTRE).count() == 1
    assert Room.objects.filter(kind=Room.Kind.TOWNSHIP).count() == 2  # the small county's
    now = timezone.now()
    held = Conference.objects.filter(state=State.APPROVED, end__lte=now).exclude(
        start__date=today  # today's, if over, still waits for its 会后登记
    )
    assert held.count() >= 30
    assert all(c.closed_at and c.minutes and c.attendance.exists() for c in held)
    assert all(c.checklist.complete for c in held)
    assert Conference.objects.filter(state=State.REFUSED).exclude(refusal_reason="").count() == 1
    assert Conference.objects.filter(state=State.PENDING, start__gt=now).count() == 2
    upcoming = Conference.objects.filter(state=State.APPROVED, start__gt=now + timedelta(days=1))
    assert upcoming.count() == 3 and all(hasattr(c, "checklist") for c in upcoming)
    assert schedule.today(today).filter(title="全县冬季安全生产紧急视频调度会").exists()
    assert demo.build(random.Random(1), today) == "视频会议：已有演示数据"
