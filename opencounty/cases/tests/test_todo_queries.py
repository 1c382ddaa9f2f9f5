"""我的待办 at any number of cases: the dashboard and the menu counters count the cases waiting
on a person in the database, by the same rule the handling screens apply case by case, so
fifty cases of each kind cost the queries of five and every one of them is counted."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import persona
from opencounty.cases import kinds
from opencounty.cases import todo as case_todo
from opencounty.cases.models import Case
from opencounty.core.models import Role
from opencounty.interaction.letters import actions as letters
from opencounty.services import actions as services
from opencounty.services.tests.helpers import apply_for, live_item
from opencounty.supervision.tests.helpers import disclosure_request, letter, staff

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)
JOINT_STEPS = [("综合受理", None, 1), ("市场监管审查", "D01", 3), ("消防安全审查", "D02", 8)]


@pytest.fixture
def items():
    return {
        "promised": live_item("D01", code="XK-101", title="食品经营许可"),
        "joint": live_item(
            "D01", code="LB-101", title="开办餐馆一件事", item_kind="joint", steps=JOINT_STEPS
        ),
    }


def add_waiting_work(count: int, items: dict) -> None:
    """`count` cases of each kind and state that wait on the personas below: letters routed
    to 城关镇, drafted there, and still to route; disclosure requests to register and to
    answer; applications to accept and joint steps to decide in 县市场监管局 (D01)."""
    t01_officer = staff("T01")
    d01_officer = staff("D01")
    for n in range(count):
        letter("T01")
        letters.draft_reply(letter("T01"), t01_officer, text="已安排。")
        letters.submit_letter(
            letter_kind="consultation",
            addressed_to=None,
            title=f"待转办来信{n}",
            content="来信内容",
            name="来信人",
            phone=f"1370001{n:04d}",
        )
        disclosure_request("T01")
        disclosure_request("T01", received_on=date(2026, 11, 2))
        apply_for(items["promised"])
        joint, _code = apply_for(items["joint"])
        services.accept(joint, d01_officer, on=date(2026, 11, 2))


PERSONAS = {
    "a reviewer of 城关镇": lambda: staff("T01", Role.REVIEWER),
    "an officer of 城关镇": lambda: staff("T01"),
    "a reviewer of 县市场监管局": lambda: staff("D01", Role.REVIEWER),
    "a dispatcher of the county office": lambda: staff("001"),
}


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", PERSONAS)
def test_the_dashboard_costs_the_same_queries_for_fifty_cases_of_each_kind_as_for_five(
    client, items, django_assert_num_queries, who
):
    add_waiting_work(5, items)
    user = PERSONAS[who]()
    client.force_login(user)
    client.get("/admin/")  # the first request fills what later ones keep
    five = queries_for(client, "/admin/")
    add_waiting_work(45, items)
    with django_assert_num_queries(five):
        response = client.get("/admin/")
    html = response.content.decode()
    waiting = sum(group.count for group in case_todo.case_groups(user, TODAY))
    assert waiting >= 50, "every waiting case is counted, not only those listed"
    assert 'id="my-todo"' in html


@pytest.mark.parametrize("who", PERSONAS)
def test_the_counted_cases_are_those_the_handling_rules_offer_a_step_on(items, who):
    add_waiting_work(3, items)
    somebody_else = persona("todo_other_reviewer", "T01", Role.REVIEWER)
    letters.draft_reply(letter("T01"), somebody_else, text="由审核人起草。")
    user = PERSONAS[who]()
    groups = {group.key: group for group in case_todo.case_groups(user, TODAY)}
    for kind in kinds.handled_kinds():
        open_cases = (
            case_todo._mine(user, kind)
            .filter(closed_at__isnull=True)
            .exclude(state__in=kind.closed_states)
        )
        expected = {
            case.receipt_number: case_todo.next_step(user, case)
            for case in Case.objects.filter(pk__in=open_cases.values("pk"))
        }
        expected = {receipt: step for receipt, step in expected.items() if step}
        group = groups[kind.code]
        assert group.count == len(expected), kind.code
        assert {item.reference: item.next_step for item in group.items} == expected, kind.code
