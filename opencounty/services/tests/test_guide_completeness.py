"""A guide missing a key element is listed as such and cannot pass review."""

import pytest
from django.core.exceptions import PermissionDenied

from conftest import persona
from opencounty.core.models import Role, Unit
from opencounty.portal.tests.helpers import act, submit
from opencounty.services.models import (
    ServiceFAQ,
    ServiceIndexPage,
    ServiceItemPage,
    ServiceMaterial,
    ServiceStep,
)

pytestmark = pytest.mark.django_db


def hall_of(unit: Unit) -> ServiceIndexPage:
    existing = ServiceIndexPage.objects.child_of(unit.root_page).first()
    if existing:
        return existing
    hall = ServiceIndexPage(title="办事服务", slug="services")
    unit.root_page.add_child(instance=hall)
    return hall


COMPLETE = {
    "basis": "《中华人民共和国食品安全法》第三十五条",
    "scope": "both",
    "conditions": "有与经营的食品品种、数量相适应的经营场所。",
    "handling_office": "县市场监管局行政审批股",
    "place": "县便民服务中心3号窗口",
    "hours": "工作日 9:00-12:00，13:30-17:00",
    "statutory_days": 20,
    "promised_days": 10,
    "visits": 1,
    "consultation_phone": "0000-6000101",
    "complaint_phone": "0000-12345",
}


def draft_item(unit: Unit, author, **fields) -> ServiceItemPage:
    item = ServiceItemPage(
        title="食品经营许可",
        slug="food-licence",
        code=f"{unit.code}-XK-001",
        item_type="licensing",
        item_kind="promised",
        department=unit,
        owner=author,
        live=False,
        **fields,
    )
    hall_of(unit).add_child(instance=item)
    item.save_revision(user=author)
    return item


def complete(item: ServiceItemPage, author) -> ServiceItemPage:
    for name, value in COMPLETE.items():
        setattr(item, name, value)
    item.materials = [ServiceMaterial(name="食品经营许可申请书", form="original", copies=1)]
    item.steps = [ServiceStep(name="受理", days=1), ServiceStep(name="审查决定", days=9)]
    item.faqs = [ServiceFAQ(question="可以网上申请吗？", answer="可以。")]
    item.save_revision(user=author)
    return item


def test_the_check_lists_every_missing_key_element():
    unit = Unit.objects.get(code="D01")
    author = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    item = draft_item(unit, author)
    missing = item.missing_elements()
    for element in [
        "设定依据",
        "受理条件",
        "申请材料",
        "办理流程",
        "办理地点",
        "办理时间",
        "法定办结时限",
        "承诺办结时限",
        "到办事现场次数",
        "咨询电话",
        "监督投诉电话",
        "常见问题",
    ]:
        assert element in missing, element
    complete(item, author)
    assert item.missing_elements() == []
    item.is_free = False
    assert item.missing_elements() == ["收费标准及依据"]


def test_an_incomplete_guide_cannot_pass_review_and_a_complete_one_is_published():
    unit = Unit.objects.get(code="D01")
    author = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    reviewer = persona("d01_reviewer", "D01", Role.REVIEWER)
    item = draft_item(unit, author, **(COMPLETE | {"complaint_phone": ""}))
    submit(item, author)
    task_state = item.current_workflow_task_state
    task = task_state.task.specific
    assert [a[0] for a in task.get_actions(item, reviewer)] == ["reject"]
    with pytest.raises(PermissionDenied, match="监督投诉电话"):
        act(item, reviewer, "approve")
    item.refresh_from_db()
    assert not item.live

    act(item, reviewer, "reject", comment="请补全指南")
    complete(item, author)
    item.current_workflow_state.resume(user=author)
    act(item, reviewer, "approve")
    item.refresh_from_db()
    assert item.live
