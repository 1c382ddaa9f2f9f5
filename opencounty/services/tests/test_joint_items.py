"""A 联办件: acceptance opens one step per department, each on its own time limit; each
department decides only its own step; the application completes when all are done."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from conftest import persona
from opencounty.cases.actions import IllegalTransition
from opencounty.core.models import Role
from opencounty.services import actions
from opencounty.services import kinds as k
from opencounty.services.handling import step_warning_level
from opencounty.services.tests.helpers import apply_for, live_item

pytestmark = pytest.mark.django_db

JOINT_STEPS = [("综合受理", None, 1), ("市场监管审查", "D01", 3), ("消防安全审查", "D02", 8)]


@pytest.fixture
def joint_case():
    item = live_item(
        code="LB-001",
        title="开办餐馆一件事",
        item_kind="joint",
        promised_days=10,
        steps=JOINT_STEPS,
    )
    case, _code = apply_for(item)
    officer = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    # Accepted on Wednesday 30 September 2026, the day before the National Day holiday.
    return actions.accept(case, officer, on=date(2026, 9, 30))


@pytest.fixture
def d01():
    return persona("d01_reviewer", "D01", Role.REVIEWER)


@pytest.fixture
def d02():
    return persona("d02_officer", "D02", Role.INFORMATION_OFFICER)


def test_acceptance_opens_one_step_per_department_each_with_its_own_due_date(joint_case):
    steps = {s.unit.code: s for s in joint_case.application.steps.all()}
    assert set(steps) == {"D01", "D02"}  # the step without a department is the window's own
    # 3 working days after 30 September: 8, 9 and 10 (a make-up Saturday) October.
    assert steps["D01"].due_on == date(2026, 10, 10) and steps["D01"].name == "市场监管审查"
    # 8 working days: 8, 9, 10, 12, 13, 14, 15, 16 October.
    assert steps["D02"].due_on == date(2026, 10, 16)
    # The application's own limit is the promised 10 working days.
    assert joint_case.due_on == date(2026, 10, 20)
    assert step_warning_level(steps["D01"], date(2026, 10, 9)) == "yellow"
    assert step_warning_level(steps["D01"], date(2026, 10, 12)) == "red"
    assert step_warning_level(steps["D02"], date(2026, 10, 9)) is None


def test_it_completes_only_when_every_department_has_approved(joint_case, d01, d02):
    steps = {s.unit.code: s for s in joint_case.application.steps.all()}
    case = actions.approve_step(steps["D02"], d02, document_number="消检字〔2026〕3号")
    assert case.state == k.ACCEPTED and case.closed_at is None
    case = actions.approve_step(steps["D01"], d01, document_number="JY1330000001")
    assert case.state == k.COMPLETED and case.closed_at is not None
    assert case.application.result == "approved"
    assert case.application.document_number == "JY1330000001；消检字〔2026〕3号"
    verbs = [e.verb for e in case.timeline.all()]
    assert verbs == ["submit", "accept", "approve_step", "approve_step", "approve"]


def test_one_refusal_makes_the_whole_application_refused_with_the_reasons(joint_case, d01, d02):
    steps = {s.unit.code: s for s in joint_case.application.steps.all()}
    with pytest.raises(IllegalTransition, match="理由"):
        actions.refuse_step(steps["D02"], d02, reasons=" ")
    case = actions.refuse_step(steps["D02"], d02, reasons="疏散通道宽度不足")
    assert case.state == k.ACCEPTED
    case = actions.approve_step(steps["D01"], d01)
    assert case.state == k.REFUSED
    assert case.application.result == "not_approved"
    assert "疏散通道宽度不足" in case.application.result_reasons
    assert steps["D02"].unit.name in case.application.result_reasons


def test_a_department_decides_only_its_own_step_and_only_once(joint_case, d01, d02):
    steps = {s.unit.code: s for s in joint_case.application.steps.all()}
    with pytest.raises(PermissionDenied):
        actions.approve_step(steps["D02"], d01)
    steps["D02"].refresh_from_db()
    assert steps["D02"].decision == ""
    actions.approve_step(steps["D02"], d02)
    with pytest.raises(IllegalTransition, match="已办理"):
        actions.refuse_step(steps["D02"], d02, reasons="改变主意")


def test_a_joint_item_is_not_decided_by_the_window_as_a_whole(joint_case):
    officer = persona("d01_admin", "D01", Role.UNIT_ADMINISTRATOR)
    with pytest.raises(IllegalTransition, match="联办件"):
        actions.approve(joint_case, officer)
