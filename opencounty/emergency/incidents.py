"""Incident reports (突发事件信息报送): every verb ends in one step of the case engine, whose
clock counts minutes from the event (kind.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import actions as cases
from opencounty.cases import notify
from opencounty.cases.actions import IllegalTransition, case_action
from opencounty.cases.models import Case
from opencounty.core import audit
from opencounty.core.models import Unit
from opencounty.emergency import access
from opencounty.emergency.kind import INCIDENT
from opencounty.emergency.models import (
    Incident,
    IncidentPhoto,
    IncidentReport,
    Instruction,
)

# An event reported later than this is refused as a mistyped date.
OLDEST_EVENT_DAYS = 30


def _name(actor) -> str:
    return (actor.get_full_name() or actor.get_username())[:100]


def _photos(report: IncidentReport, photos: Sequence) -> None:
    for upload in photos:
        photo = IncidentPhoto(report=report, file_name=upload.name[:100])
        photo.file.save(upload.name, upload, save=False)
        photo.save()


def _casualties(incident: Incident, deaths: int, injured: int, missing: int) -> None:
    incident.deaths, incident.injured, incident.missing = deaths, injured, missing
    incident.save(update_fields=["deaths", "injured", "missing"])


@transaction.atomic
def submit_incident(
    actor,
    *,
    unit: Unit,
    title: str,
    incident_type: str,
    level: str,
    occurred_at: datetime,
    place: str,
    deaths: int = 0,
    injured: int = 0,
    missing: int = 0,
    phoned_at: datetime | None = None,
    text: str = "",
    measures: str = "",
    photos: Sequence = (),
    now: datetime | None = None,
) -> Case:
    """A unit reports an incident (or the duty desk registers one phoned in). The clock runs
    from the event; with `text` the written first report is filed at once."""
    if not access.may_keep(actor, unit):
        raise PermissionDenied(_("您无权报送其他单位的突发事件。"))
    now = now or timezone.now()
    if occurred_at > now:
        raise ValidationError(_("发生时间不能晚于当前时间。"))
    if occurred_at < now - timedelta(days=OLDEST_EVENT_DAYS):
        raise ValidationError(_("发生时间早于%(days)s天前，请核对。") % {"days": OLDEST_EVENT_DAYS})
    if phoned_at is not None and not occurred_at <= phoned_at <= now:
        raise ValidationError(_("电话报告时间应在发生时间之后、当前时间之前。"))
    case, _code = cases.submit(
        INCIDENT.code,
        unit=unit,
        title=title.strip()[:200],
        submitter_name=_name(actor),
        clock_starts_at=occurred_at,
        time_limit=settings.EMERGENCY_FIRST_REPORT_MINUTES,
    )
    Incident.objects.create(
        case=case,
        incident_type=incident_type,
        level=level,
        occurred_at=occurred_at,
        place=place.strip(),
        deaths=deaths,
        injured=injured,
        missing=missing,
        phoned_at=phoned_at,
        reporter=actor,
    )
    if text.strip():
        case = first_report(
            case,
            actor,
            text=text,
            measures=measures,
            deaths=deaths,
            injured=injured,
            missing=missing,
            photos=photos,
            now=now,
        )
    return case


def _report(
    case: Case,
    actor,
    stage: str,
    *,
    text: str,
    measures: str,
    deaths: int,
    injured: int,
    missing: int,
    now: datetime,
    photos: Sequence = (),
) -> IncidentReport:
    if not text.strip():
        raise IllegalTransition(_("请填写事件情况。"))
    incident = case.incident
    report = IncidentReport.objects.create(
        incident=incident,
        stage=stage,
        text=text.strip(),
        measures=measures.strip(),
        deaths=deaths,
        injured=injured,
        missing=missing,
        reported_at=now,
        due_at=case.due_at,
        author=actor,
    )
    _photos(report, photos)
    _casualties(incident, deaths, injured, missing)
    return report


def _note(report: IncidentReport) -> str:
    late = report.late_minutes
    if late:
        return _("%(stage)s（迟报 %(minutes)s 分钟）") % {
            "stage": report.get_stage_display(),
            "minutes": late,
        }
    return str(report.get_stage_display())


@case_action("first_report")
def first_report(case: Case, actor, *, now: datetime | None = None, **report) -> Case:
    """The written first report: the next interval (a follow-up) starts now."""
    cases.require_legal(case, "first_report", actor)
    now = now or timezone.now()
    filed = _report(case, actor, IncidentReport.Stage.FIRST, now=now, **report)
    return cases.restart_clock(
        case,
        "first_report",
        actor,
        on=timezone.localdate(now),
        at=now,
        limit=settings.EMERGENCY_FOLLOW_UP_MINUTES,
        note=_note(filed),
    )


@case_action("follow_up")
def follow_up(case: Case, actor, *, now: datetime | None = None, **report) -> Case:
    """A follow-up report (续报): the next interval starts now."""
    cases.require_legal(case, "follow_up", actor)
    now = now or timezone.now()
    filed = _report(case, actor, IncidentReport.Stage.FOLLOW_UP, now=now, **report)
    return cases.restart_clock(
        case,
        "follow_up",
        actor,
        on=timezone.localdate(now),
        at=now,
        limit=settings.EMERGENCY_FOLLOW_UP_MINUTES,
        note=_note(filed),
    )


@case_action("final_report")
def final_report(case: Case, actor, *, now: datetime | None = None, **report) -> Case:
    """The final report (终报): the incident is closed, no clock any more."""
    cases.require_legal(case, "final_report", actor)
    now = now or timezone.now()
    filed = _report(case, actor, IncidentReport.Stage.FINAL, now=now, **report)
    return cases.conclude(case, "final_report", actor, at=now, note=_note(filed))


@transaction.atomic
def add_photos(case: Case, actor, *, photos: Sequence) -> IncidentReport:
    """Attach more photos to the incident's latest written report (its unit, or the office)."""
    if not access.may_keep(actor, case.unit):
        raise PermissionDenied(_("您无权为其他单位的突发事件上传照片。"))
    report = case.incident.reports.order_by("-reported_at", "-id").first()
    if report is None:
        raise ValidationError(_("请先报送书面报告，再上传照片。"))
    _photos(report, photos)
    audit.record("emergency.add_photos", actor=actor, obj=case, details={"count": len(photos)})
    return report


def _tell_unit(case: Case, leader: str, text: str) -> None:
    """Send the instruction back to the reporting unit's staff by mail, once this commits."""
    recipients = notify.unit_recipients(case.unit)
    if not recipients:
        return
    subject = _("【领导批示】%(title)s") % {"title": case.title}
    body = _(
        "%(unit)s：\n%(leader)s对“%(title)s”（%(number)s）批示：%(text)s\n请登录 %(link)s 查看。"
    ) % {
        "unit": case.unit.name,
        "leader": leader,
        "title": case.title,
        "number": case.receipt_number,
        "text": text,
        "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/",
    }
    transaction.on_commit(lambda: notify.send_notification.enqueue(recipients, subject, body))


@case_action("instruct")
def instruct(case: Case, actor, *, leader: str, text: str, now: datetime | None = None) -> Case:
    """Record a leader's instruction (批示), which the reporting unit reads on its incident."""
    cases.require_legal(case, "instruct", actor)
    if not leader.strip() or not text.strip():
        raise IllegalTransition(_("请填写批示领导和批示内容。"))
    now = now or timezone.now()
    Instruction.objects.create(
        incident=case.incident,
        leader=leader.strip(),
        text=text.strip(),
        given_at=now,
        recorded_by=actor,
    )
    _tell_unit(case, leader.strip(), text.strip())
    return cases.step(
        case,
        "instruct",
        actor,
        note=_("%(leader)s批示：%(text)s")
        % {
            "leader": leader.strip(),
            "text": text.strip(),
        },
    )
