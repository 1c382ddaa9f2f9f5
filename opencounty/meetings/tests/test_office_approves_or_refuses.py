"""The county office approves a booking (a support checklist follows, its test call before the
meeting) or refuses it with a reason; units cannot decide; every change is audited."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from opencounty.core.models import AuditEntry
from opencounty.meetings import actions
from opencounty.meetings.models import Checklist, Conference
from opencounty.meetings.tests.conftest import BEFORE, at, book


def test_approval_makes_a_checklist_with_the_test_call_an_hour_before(
    cg_officer, office, technician, rooms
):
    conference = book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T01"]])
    assert conference.reference.startswith("视会〔2030〕")
    actions.approve(conference, office, technician=technician, at=BEFORE)
    conference.refresh_from_db()
    assert conference.state == Conference.State.APPROVED
    assert conference.decided_by == office
    checklist = Checklist.objects.get(conference=conference)
    assert checklist.technician == technician
    assert checklist.test_call_at == at("2030-03-05 08:00")
    assert not checklist.complete
    assert list(
        AuditEntry.objects.filter(object_type="meetings.conference", object_id=str(conference.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["meetings.apply", "meetings.approve"]


def test_the_office_sets_its_own_test_call_time_but_not_after_the_start(cg_officer, office, rooms):
    conference = book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T01"]])
    with pytest.raises(actions.MeetingRefused, match="调试时间须早于会议开始时间"):
        actions.approve(conference, office, test_call_at=at("2030-03-05 09:00"), at=BEFORE)
    assert Conference.objects.get(pk=conference.pk).state == Conference.State.PENDING
    actions.approve(conference, office, test_call_at=at("2030-03-04 16:00"), at=BEFORE)
    assert conference.checklist.test_call_at == at("2030-03-04 16:00")


def test_a_technician_must_be_county_office_staff(cg_officer, qs_officer, office, rooms):
    conference = book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T01"]])
    with pytest.raises(actions.MeetingRefused, match="技术保障人员须是县电子政务办的工作人员"):
        actions.approve(conference, office, technician=qs_officer, at=BEFORE)


def test_refusal_needs_a_reason_and_records_it(cg_officer, office, rooms):
    conference = book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T01"]])
    with pytest.raises(actions.MeetingRefused, match="请填写不予批准理由"):
        actions.refuse(conference, office, "   ", at=BEFORE)
    actions.refuse(conference, office, "与全县大会时间冲突，请改期", at=BEFORE)
    conference.refresh_from_db()
    assert conference.state == Conference.State.REFUSED
    assert conference.refusal_reason == "与全县大会时间冲突，请改期"
    assert not Checklist.objects.filter(conference=conference).exists()
    with pytest.raises(actions.MeetingRefused, match="只有待审批的申请可以批准"):
        actions.approve(conference, office, at=BEFORE)


def test_a_unit_cannot_decide_and_the_attempt_is_audited(cg_officer, rooms):
    conference = book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T01"]])
    with pytest.raises(PermissionDenied):
        actions.approve(conference, cg_officer, at=BEFORE)
    with pytest.raises(PermissionDenied):
        actions.refuse(conference, cg_officer, "不行", at=BEFORE)
    assert Conference.objects.get(pk=conference.pk).state == Conference.State.PENDING
    assert AuditEntry.objects.filter(action="meetings.approve", outcome="failure").count() == 1


def test_a_unit_applies_only_in_its_own_name(qs_officer, rooms):
    with pytest.raises(PermissionDenied):
        book(qs_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T01"]])
    assert not Conference.objects.exists()


def test_a_past_meeting_cannot_be_approved_or_withdrawn(cg_officer, office, rooms):
    conference = book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T01"]])
    later = at("2030-03-05 10:00")
    with pytest.raises(actions.MeetingRefused, match="会议时间已过"):
        actions.approve(conference, office, at=later)
    with pytest.raises(actions.MeetingRefused, match="会议已开始"):
        actions.withdraw(conference, cg_officer, at=later - timedelta(minutes=30))


def test_another_unit_cannot_withdraw(cg_officer, qs_officer, rooms):
    conference = book(cg_officer, "T01", "2030-03-05 09:00", "2030-03-05 10:00", [rooms["T01"]])
    with pytest.raises(PermissionDenied):
        actions.withdraw(conference, qs_officer, at=BEFORE)
