"""我的待办: each person sees exactly the cases waiting on them, with counts, colours and the
next step, on the dashboard and in the menu."""

import json
from datetime import date

import pytest

from conftest import persona
from opencounty.core import todo
from opencounty.core.models import Role, Unit
from opencounty.disclosure import actions as disclosure
from opencounty.disclosure.tests.test_disclosure_requests import apply
from opencounty.interaction.letters import actions as letters


def letter(n: int):
    return letters.submit_letter(
        letter_kind="consultation",
        addressed_to=None,
        title=f"测试来信{n}",
        content=f"来信内容{n}",
        name="来信人",
        phone=f"1370000{n:04d}",
    )[0].case


def groups(user) -> dict:
    return {group.key: group for group in todo.groups_for(user, date(2026, 11, 30))}


@pytest.fixture
def waiting(db, dispatcher, chengguan_officer, chengguan_reviewer):
    t01, t02 = Unit.objects.get(code="T01"), Unit.objects.get(code="T02")
    ours = apply()[0].case  # T01, to register
    theirs = apply(id_number="110101199003079999", unit=t02)[0].case
    registered = disclosure.register(
        apply(id_number="110101199003078888")[0].case, chengguan_officer, on=date(2026, 9, 21)
    )  # T01, overdue on 30 Nov 2026: red
    drafted = letters.route(letter(1), dispatcher, to_unit=t01)
    letters.draft_reply(drafted, chengguan_officer, text="已安排。")
    routed = letters.route(letter(2), dispatcher, to_unit=t01)
    elsewhere = letters.route(letter(3), dispatcher, to_unit=t02)
    unrouted = letter(4)
    return locals()


def test_a_township_reviewer_sees_exactly_the_cases_waiting_on_them(waiting, chengguan_reviewer):
    mine = groups(chengguan_reviewer)
    requests = {item.reference: item for item in mine["disclosure"].items}
    assert set(requests) == {waiting["ours"].receipt_number, waiting["registered"].receipt_number}
    assert requests[waiting["ours"].receipt_number].next_step == "登记受理"
    assert requests[waiting["registered"].receipt_number].level == "red"
    assert mine["disclosure"].items[0].level == "red", "the most urgent first"
    letter_steps = {item.reference: item.next_step for item in mine["letter"].items}
    assert letter_steps == {
        waiting["drafted"].receipt_number: "审核通过并答复",
        waiting["routed"].receipt_number: "起草答复",
    }


def test_the_drafter_waits_on_the_reviewer_not_on_themself(waiting, chengguan_officer):
    letter_steps = {item.reference for item in groups(chengguan_officer)["letter"].items}
    assert waiting["drafted"].receipt_number not in letter_steps
    assert waiting["routed"].receipt_number in letter_steps


def test_the_dispatchers_wait_list_is_the_letters_to_route(waiting, dispatcher):
    mine = groups(dispatcher)
    assert {item.reference for item in mine["letter"].items} == {waiting["unrouted"].receipt_number}
    assert mine["letter"].items[0].next_step == "转办"
    assert "disclosure" not in mine, "supervising every unit is not having their cases to do"


def test_the_dashboard_and_the_menu_show_the_counts(client, waiting, chengguan_reviewer):
    client.force_login(chengguan_reviewer)
    html = client.get("/admin/").content.decode()
    assert 'id="my-todo"' in html and 'data-todo-total="4"' in html
    assert waiting["registered"].receipt_number in html
    assert waiting["theirs"].receipt_number not in html
    assert json.dumps("依申请公开（2）")[1:-1] in html
    assert json.dumps("信箱来信（2）")[1:-1] in html
    detail = f"/admin/disclosure-requests/{waiting['ours'].pk}/"
    assert f'href="{detail}"' in html


def test_administrators_have_no_case_to_do(client, waiting):
    auditor = persona("todo_auditor", "001", Role.AUDIT_ADMINISTRATOR)
    assert groups(auditor) == {}
    client.force_login(auditor)
    assert 'id="my-todo"' not in client.get("/admin/").content.decode()
