"""Acceptance at the window: accept (the clock starts), reject with reasons, the one-time
notice (once), the applicant's supplement, 即办件 done at once, 上报件 reported."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import persona
from opencounty.cases.actions import IllegalTransition
from opencounty.cases.models import Case
from opencounty.core.calendar import working_days_between
from opencounty.core.models import AuditEntry, Role, Unit
from opencounty.services import actions
from opencounty.services import kinds as k
from opencounty.services.tests.helpers import PDF, apply_for, live_item, window

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(db):
    """Window staff of the service center, not a member of any department."""
    return get_user_model().objects.create_user(username="window_clerk", password="x")


@pytest.fixture
def item(clerk):
    return live_item(item_window=window(3, Unit.objects.get(code="D01"), staff=[clerk]))


def test_window_staff_accept_and_a_promised_item_is_due_after_its_promised_working_days(
    item, clerk
):
    case, _code = apply_for(item)
    # Accepted on Monday 28 September 2026; 5 working days: 29, 30 September, then the
    # National Day holiday (1-7 October), Thursday 8, Friday 9 and Saturday 10 October
    # (a make-up working day).
    item.promised_days = 5
    item.save_revision().publish()
    case = actions.accept(case, clerk, on=date(2026, 9, 28))
    assert case.state == k.ACCEPTED and case.state_label == "已受理，办理中"
    assert case.clock_started_on == date(2026, 9, 28) and case.time_limit == 5
    assert case.due_on == date(2026, 10, 10)
    assert working_days_between(date(2026, 9, 28), case.due_on) == 5
    assert case.timeline.last().verb == "accept"


def test_the_departments_own_staff_may_accept_but_another_departments_may_not(item):
    case, _code = apply_for(item)
    stranger = persona("d02_officer", "D02", Role.INFORMATION_OFFICER)
    with pytest.raises(PermissionDenied):
        actions.accept(case, stranger)
    assert Case.objects.get(pk=case.pk).state == k.SUBMITTED
    assert AuditEntry.objects.filter(action="case.accept", outcome="failure").exists()
    own = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    assert actions.accept(case, own).state == k.ACCEPTED


def test_rejection_needs_reasons_and_records_them(item, clerk):
    case, _code = apply_for(item)
    with pytest.raises(IllegalTransition, match="不予受理必须说明理由"):
        actions.reject(case, clerk, reasons="  ")
    assert Case.objects.get(pk=case.pk).state == k.SUBMITTED
    case = actions.reject(case, clerk, reasons="申请事项不属于本部门职权范围")
    assert case.state == k.REJECTED and case.closed_at is not None
    assert case.application.rejection_reasons == "申请事项不属于本部门职权范围"
    assert case.timeline.last().note == "申请事项不属于本部门职权范围"
    with pytest.raises(IllegalTransition):
        actions.accept(case, clerk)


def test_the_one_time_notice_lists_everything_missing_once_and_the_applicant_supplements(
    item, clerk
):
    case, _code = apply_for(item)
    with pytest.raises(IllegalTransition, match="列明"):
        actions.notify_missing(case, clerk, missing="")
    case = actions.notify_missing(case, clerk, missing="1. 营业场所照片；2. 申请书须签名")
    assert case.state == k.NOTIFIED
    assert case.application.notice == "1. 营业场所照片；2. 申请书须签名"

    with pytest.raises(IllegalTransition, match="补正"):
        actions.supplement(case, note="", uploads=[])
    photo = SimpleUploadedFile("照片.pdf", PDF)
    case = actions.supplement(case, note="已补签名", uploads=[(None, "补正材料", photo)])
    assert case.state == k.SUBMITTED
    assert case.application.uploaded_materials.filter(supplement=True).count() == 1

    with pytest.raises(IllegalTransition, match="只能发出一次"):
        actions.notify_missing(case, clerk, missing="还缺身份证复印件")
    case.refresh_from_db()
    assert case.state == k.SUBMITTED
    assert case.application.notice == "1. 营业场所照片；2. 申请书须签名"


def test_an_immediate_item_is_completed_at_once_on_acceptance(clerk):
    item = live_item(
        code="JB-001",
        title="个体工商户名称核准",
        item_kind="immediate",
        item_window=window(4, staff=[clerk]),
    )
    case, _code = apply_for(item)
    case = actions.accept(case, clerk, complete_at_once=True, document_number="名核字〔2026〕1号")
    assert case.state == k.COMPLETED and case.closed_at is not None and case.due_on is None
    application = case.application
    assert application.result == "approved"
    assert application.document_number == "名核字〔2026〕1号"
    assert [e.verb for e in case.timeline.all()] == ["submit", "accept", "approve"]


def test_only_an_immediate_item_completes_on_acceptance(item, clerk):
    case, _code = apply_for(item)
    with pytest.raises(IllegalTransition, match="即办件"):
        actions.accept(case, clerk, complete_at_once=True)
    assert Case.objects.get(pk=case.pk).state == k.SUBMITTED


def test_a_promised_item_is_decided_with_a_document_number_or_refused_with_reasons(item, clerk):
    first, _code = apply_for(item)
    first = actions.accept(first, clerk)
    first = actions.approve(first, clerk, document_number="JY13300000000001")
    assert first.state == k.COMPLETED and first.application.result == "approved"
    second, _code = apply_for(item)
    second = actions.accept(second, clerk)
    with pytest.raises(IllegalTransition, match="理由"):
        actions.refuse(second, clerk, reasons="")
    second = actions.refuse(second, clerk, reasons="经营场所与许可条件不符")
    assert second.state == k.REFUSED
    assert second.application.result == "not_approved"
    assert second.application.result_reasons == "经营场所与许可条件不符"


def test_a_reported_item_goes_to_the_higher_level_before_the_result(clerk):
    item = live_item(code="SB-001", item_kind="reported", item_window=window(5, staff=[clerk]))
    case, _code = apply_for(item)
    case = actions.accept(case, clerk)
    case = actions.report(case, clerk, to="市市场监管局")
    assert case.state == k.REPORTED and case.state_label == "上报中"
    case = actions.approve(case, clerk, document_number="市批〔2026〕8号")
    assert case.state == k.COMPLETED


def test_items_of_other_kinds_are_not_reported(item, clerk):
    case, _code = apply_for(item)
    case = actions.accept(case, clerk)
    with pytest.raises(IllegalTransition, match="上报件"):
        actions.report(case, clerk, to="市市场监管局")
