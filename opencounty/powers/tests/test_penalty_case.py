"""A penalty case on the case engine: 立案 through to 结案, with the decision due within 90
calendar days of 立案 (moved to the next working day), extendable by the unit's head."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from opencounty.cases.actions import IllegalTransition
from opencounty.core import calendar
from opencounty.core.models import CalendarYear
from opencounty.powers import penalty_actions as actions
from opencounty.powers.tests.people import officer, penalty_case, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def covered_years():
    for year in range(2025, 2031):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})


def expected_due(start: date, days: int) -> date:
    end = start + timedelta(days=days)
    while not calendar.is_working_day(end):
        end += timedelta(days=1)
    return end


def walk_to_decision(case, actor, on: date):
    actions.investigate(case, actor, evidence="现场检查笔录一份，照片六张。")
    actions.notify_party(
        case, actor, notice="拟处罚款五千元，可在三日内陈述申辩或要求听证。", on=on
    )
    actions.record_defence(case, actor, defence="当事人放弃陈述申辩。", hearing_requested=False)
    return actions.decide(
        case,
        actor,
        decision_number="示市监罚〔2026〕3号",
        decision="张三丰未取得许可经营食品，罚款五千元。",
        basis="《中华人民共和国食品安全法》第一百二十二条",
        fine=Decimal("5000"),
        on=on,
    )


def test_a_case_goes_from_registration_to_closing_and_its_decision_is_due_in_90_days():
    staff = officer("D01")
    start = date(2026, 3, 2)
    penalty = penalty_case(staff, "D01", registered_on=start)
    case = penalty.case
    assert case.state == "registered" and case.receipt_number.startswith("CF")
    assert case.due_on == expected_due(start, 90)
    case = walk_to_decision(case, staff, date(2026, 4, 1))
    assert case.state == "decided" and case.replied_at is not None
    case = actions.deliver(case, staff, on=date(2026, 4, 2))
    case = actions.execute(case, staff, execution="罚款已缴清。", on=date(2026, 4, 10))
    case = actions.close(case, staff)
    assert case.state == "closed" and case.closed_at is not None
    verbs = list(case.timeline.values_list("verb", flat=True))
    for verb in ("submit", "investigate", "notify_party", "decide", "deliver", "execute", "close"):
        assert verb in verbs


def test_the_decision_is_due_on_the_next_working_day_when_day_90_is_a_day_off():
    start = date(2026, 3, 5)  # + 90 days = Wednesday 2026-06-03 ...
    for offset in range(7):  # find a start whose 90th day is a Saturday
        candidate = start + timedelta(days=offset)
        if (candidate + timedelta(days=90)).weekday() == 5:
            start = candidate
            break
    penalty = penalty_case(officer("D01"), "D01", registered_on=start)
    assert (start + timedelta(days=90)).weekday() == 5
    assert penalty.case.due_on > start + timedelta(days=90)
    assert penalty.case.due_on == expected_due(start, 90)


def test_an_extension_needs_the_units_head_and_moves_the_due_day():
    staff, head = officer("D01"), reviewer("D01")
    start = date(2026, 3, 2)
    case = penalty_case(staff, "D01", registered_on=start).case
    with pytest.raises(PermissionDenied):
        actions.extend(case, staff, days=30, reason="案情复杂")
    case = actions.extend(case, head, days=30, reason="案情复杂，经负责人批准")
    assert case.due_on == expected_due(start, 120)


def test_steps_out_of_order_and_bad_input_are_refused_in_chinese():
    staff = officer("D01")
    case = penalty_case(staff, "D01", registered_on=date(2026, 3, 2)).case
    with pytest.raises(IllegalTransition, match="不能执行此操作"):
        actions.deliver(case, staff, on=date(2026, 3, 3))
    with pytest.raises(IllegalTransition, match="调查取证"):
        actions.investigate(case, staff, evidence="   ")
    case.refresh_from_db()
    assert case.state == "registered"
    with pytest.raises(IllegalTransition, match="身份证"):
        penalty_case(staff, "D01", registered_on=date(2026, 3, 2), id_number="123")


def test_another_unit_cannot_register_or_handle_the_case():
    case = penalty_case(officer("D01"), "D01", registered_on=date(2026, 3, 2)).case
    outsider = officer("T01")
    with pytest.raises(PermissionDenied):
        penalty_case(outsider, "D01", registered_on=date(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        actions.investigate(case, outsider, evidence="越权")


def test_the_staff_screens_register_and_handle_a_case(client):
    staff = officer("D01")
    client.force_login(staff)
    response = client.post(
        reverse("powers_admin:penalty_new"),
        {
            "unit": staff_unit_pk("D01"),
            "party_kind": "organisation",
            "party_name": "示范县某某餐饮有限公司",
            "facts": "超范围经营。",
            "registered_on": "2026-03-02",
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "示范县某某餐饮有限公司" in detail and "调查取证完毕" in detail
    bad = client.post(reverse("powers_admin:penalty_new"), {"unit": "x", "party_kind": "?"})
    assert bad.status_code == 200 and "立案未成功" in bad.content.decode()


def staff_unit_pk(code: str) -> int:
    from opencounty.core.models import Unit

    return Unit.objects.get(code=code).pk


def test_an_overdue_undecided_case_is_red_on_the_supervision_board(
    client, office_headline_reviewer
):
    from django.utils import timezone

    long_ago = timezone.localdate() - timedelta(days=120)
    case = penalty_case(officer("D01"), "D01", registered_on=long_ago).case
    client.force_login(office_headline_reviewer)
    response = client.get(reverse("supervision_admin:board"))
    rows = {row.case.receipt_number: row for row in response.context["rows"]}
    assert rows[case.receipt_number].colour == "red"
    assert "行政处罚" in response.content.decode()
