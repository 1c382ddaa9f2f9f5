"""An incident's clock counts minutes from the event in the county's time (Asia/Shanghai),
across midnight: the first written report within the hour, then a follow-up every interval
until the final report; late reports turn red on the duty desk and the supervision board."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opencounty.cases import clock
from opencounty.cases.actions import IllegalTransition
from opencounty.core.models import Unit
from opencounty.emergency import incidents, kind
from opencounty.emergency.admin_views import open_incidents
from opencounty.emergency.models import IncidentReport
from opencounty.emergency.tests.people import at, duty_officer, township_officer

pytestmark = pytest.mark.django_db

REPORT = {
    "text": "山体滑坡阻断县道，正在抢通。",
    "measures": "设置警戒。",
    "deaths": 0,
    "injured": 1,
    "missing": 0,
}


def report_incident(officer, occurred: str, now: str, **extra):
    with time_machine.travel(at(now), tick=False):
        return incidents.submit_incident(
            officer,
            unit=Unit.objects.get(code="T01"),
            title="城关镇东山村山体滑坡",
            incident_type="natural",
            level="4",
            occurred_at=at(occurred),
            place="城关镇东山村",
            **(REPORT | extra),
        )


def test_a_late_evening_event_is_due_after_midnight_in_shanghai_time(settings):
    settings.EMERGENCY_FIRST_REPORT_MINUTES = 60
    officer = township_officer()
    case = report_incident(officer, "2026-03-02 23:30", "2026-03-02 23:35", text="")
    assert case.state == kind.AWAITING_FIRST
    assert timezone.localtime(case.due_at) == at("2026-03-03 00:30")
    assert case.due_on.isoformat() == "2026-03-03"
    assert clock.warning_level(case, case.due_on, now=at("2026-03-03 00:10")) is None
    assert clock.warning_level(case, case.due_on, now=at("2026-03-03 00:16")) == "yellow"
    assert clock.warning_level(case, case.due_on, now=at("2026-03-02 23:50")) is None
    assert clock.warning_level(case, case.due_on, now=at("2026-03-03 00:31")) == "red"


def test_each_report_starts_the_next_interval_and_the_final_one_closes(settings):
    settings.EMERGENCY_FOLLOW_UP_MINUTES = 120
    officer = township_officer()
    case = report_incident(officer, "2026-03-02 22:50", "2026-03-02 23:20")
    assert case.state == kind.FOLLOWING
    assert timezone.localtime(case.due_at) == at("2026-03-03 01:20")
    first = IncidentReport.objects.get(incident__case=case)
    assert first.stage == "first" and first.late_minutes == 0

    with time_machine.travel(at("2026-03-03 01:50"), tick=False):
        case = incidents.follow_up(case, officer, **REPORT)
    follow = case.incident.reports.get(stage="follow_up")
    assert follow.late_minutes == 30
    assert timezone.localtime(case.due_at) == at("2026-03-03 03:50")
    assert "迟报 30 分钟" in case.timeline.last().note

    with time_machine.travel(at("2026-03-03 03:00"), tick=False):
        case = incidents.final_report(case, officer, **REPORT)
    assert case.state == kind.CLOSED and case.closed_at is not None
    assert clock.warning_level(case, case.due_on, now=at("2026-03-04 00:00")) is None
    with pytest.raises(IllegalTransition):
        incidents.follow_up(case, officer, **REPORT)


def test_an_overdue_follow_up_is_red_on_the_duty_desk():
    officer = township_officer()
    case = report_incident(officer, "2026-03-02 09:00", "2026-03-02 09:40")
    rows = open_incidents(duty_officer(), at("2026-03-02 11:41"))
    row = next(r for r in rows if r["case"].pk == case.pk)
    assert row["level"] == "red" and row["overdue"] == 1
    rows = open_incidents(duty_officer(), at("2026-03-02 11:30"))
    row = next(r for r in rows if r["case"].pk == case.pk)
    assert row["level"] == "yellow" and row["minutes_left"] == 10


def test_a_late_first_report_is_marked_late():
    officer = township_officer()
    case = report_incident(officer, "2026-03-02 09:00", "2026-03-02 10:25")
    assert case.incident.reports.get().late_minutes == 25


def test_a_township_cannot_report_for_another_nor_see_its_incidents():
    chengguan = township_officer()
    qingshi = township_officer("T02", "qs_duty")
    with pytest.raises(PermissionDenied):
        incidents.submit_incident(
            qingshi,
            unit=Unit.objects.get(code="T01"),
            title="x",
            incident_type="natural",
            level="4",
            occurred_at=timezone.now(),
            place="x",
        )
    case = report_incident(chengguan, "2026-03-02 09:00", "2026-03-02 09:10")
    with pytest.raises(PermissionDenied):
        incidents.follow_up(case, qingshi, **REPORT)
    assert case.pk not in [r["case"].pk for r in open_incidents(qingshi, timezone.now())]
    assert case.pk in [r["case"].pk for r in open_incidents(duty_officer(), timezone.now())]


def test_only_the_office_records_instructions_and_the_unit_is_told(
    smtp_server, django_capture_on_commit_callbacks
):
    officer = township_officer()
    officer.email = "cg-duty@example.org"
    officer.save()
    case = report_incident(officer, "2026-03-02 09:00", "2026-03-02 09:10")
    with pytest.raises(PermissionDenied):
        incidents.instruct(case, officer, leader="王县长", text="全力救治伤员。")
    with django_capture_on_commit_callbacks(execute=True):
        case = incidents.instruct(case, duty_officer(), leader="王县长", text="全力救治伤员。")
    told = smtp_server.to("cg-duty@example.org")
    assert len(told) == 1 and "全力救治伤员" in told[0].get_content()
    assert case.incident.instructions.get().leader == "王县长"
    assert case.state == kind.FOLLOWING


def test_impossible_times_are_refused():
    officer = township_officer()
    with pytest.raises(ValidationError):
        report_incident(officer, "2026-03-02 10:00", "2026-03-02 09:00")
    with pytest.raises(ValidationError):
        report_incident(
            officer, "2026-03-02 09:00", "2026-03-02 09:30", phoned_at=at("2026-03-02 08:00")
        )


def test_an_overdue_follow_up_is_red_on_the_supervision_board():
    from opencounty.supervision import board

    officer = township_officer()
    now = timezone.now()
    with time_machine.travel(now - timedelta(hours=4), tick=False):
        late = incidents.submit_incident(
            officer,
            unit=Unit.objects.get(code="T01"),
            title="城关镇迟报事件",
            incident_type="natural",
            level="4",
            occurred_at=timezone.now() - timedelta(minutes=10),
            place="城关镇",
            **REPORT,
        )
    rows = board.build(duty_officer(), board.Filters(kind="incident"), timezone.localdate()).rows
    row = next(r for r in rows if r.case.pk == late.pk)
    assert row.colour == "red" and row.in_minutes and row.remaining < 0
