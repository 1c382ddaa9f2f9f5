"""Online services seen by electronic supervision: each parallel step on its own deadline,
refusals without reasons, late steps, incomplete guides, the five-level rating scale."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import persona
from opencounty.cases.models import Case
from opencounty.core.models import Role, Unit
from opencounty.services import actions
from opencounty.services.models import Application, ApplicationStep
from opencounty.services.supervision_sources import application_flags, guide_check
from opencounty.services.tests.helpers import apply_for, live_item, make_item
from opencounty.services.tests.test_joint_items import JOINT_STEPS
from opencounty.supervision import board, satisfaction

pytestmark = pytest.mark.django_db


def test_each_open_step_of_a_joint_item_is_its_own_row_with_its_own_colour():
    item = live_item(code="LB-009", item_kind="joint", promised_days=10, steps=JOINT_STEPS)
    case, _code = apply_for(item)
    officer = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    actions.accept(case, officer, on=date(2026, 9, 30))
    superuser = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    # On Friday 9 October the 市场监管 step (due Saturday 10 October, a make-up working day)
    # is yellow; the 消防 step (due 16 October) is not yet.
    rows = board.build(superuser, board.Filters(kind="application"), date(2026, 10, 9)).rows
    steps = {r.unit.code: r.colour for r in rows if r.item and r.case.pk == case.pk}
    assert steps == {"D01": "yellow", "D02": "none"}
    rows = board.build(superuser, board.Filters(kind="application"), date(2026, 10, 12)).rows
    steps = {r.unit.code: r.colour for r in rows if r.item and r.case.pk == case.pk}
    assert steps == {"D01": "red", "D02": "none"}


def test_refusals_without_reasons_and_late_steps_are_flagged():
    item = live_item(code="LB-010", item_kind="joint", promised_days=10, steps=JOINT_STEPS)
    case, _code = apply_for(item)
    officer = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    actions.accept(case, officer, on=date(2026, 9, 30))
    application = Application.objects.get(case=case)
    step = application.steps.get(unit__code="D01")
    from django.utils import timezone

    ApplicationStep.objects.filter(pk=step.pk).update(
        decision="approved", decided_at=timezone.make_aware(timezone.datetime(2026, 10, 20, 10))
    )
    Case.objects.filter(pk=case.pk).update(state="refused")
    flags = application_flags(Case.objects.filter(pk=case.pk))
    assert flags[case.pk] == ["不予许可未说明理由", "1 个环节超出环节时限"]


def test_incomplete_guides_and_the_rating_scale_reach_supervision():
    unit = Unit.objects.get(code="D01")
    before = guide_check([unit])
    page = make_item("D01", "XK-777", "不完整的事项", live=False, complaint_phone="")
    after = guide_check([unit])
    assert len(after) == len(before) + 1
    added = next(guide for guide in after if guide.title == "不完整的事项")
    assert added.unit_id == unit.pk and "监督投诉电话" in added.missing
    assert added.url == f"/admin/pages/{page.pk}/edit/"
    assert satisfaction.is_rated_kind("application")
    assert satisfaction.is_satisfied("application", 4)
    assert not satisfaction.is_satisfied("application", 3)


def test_the_flags_read_every_applications_steps_in_one_query():
    item = live_item(code="LB-010", item_kind="joint", promised_days=10, steps=JOINT_STEPS)
    officer = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)

    def queries_for_flags() -> int:
        with CaptureQueriesContext(connection) as captured:
            application_flags(Case.objects.filter(kind="application"))
        return len(captured)

    case, _code = apply_for(item)
    actions.accept(case, officer, on=date(2026, 9, 30))
    one = queries_for_flags()
    for _ in range(3):
        case, _code = apply_for(item)
        actions.accept(case, officer, on=date(2026, 9, 30))
    assert queries_for_flags() == one
