"""我的待办: a unit's clerks see the documents waiting for them to sign for, coloured by the
case engine's rule, then the ones waiting to be finished; the sender's staff do not."""

from __future__ import annotations

from datetime import date

import pytest

from opencounty.core import todo
from opencounty.officedocs import actions
from opencounty.officedocs.tests.conftest import draft, sent

pytestmark = pytest.mark.django_db


def groups(user, today: date) -> dict:
    return {group.key: group for group in todo.groups_for(user, today)}


def test_a_document_waits_to_be_signed_for_then_to_be_finished(
    county_clerk, county_signer, chengguan_clerk, chengguan_leader
):
    document = sent(county_clerk, county_signer, codes=["T01"], handle_days=5)
    waiting = groups(chengguan_clerk, date(2026, 11, 3))["officedocs_sign_for"]
    assert waiting.count == 1
    item = waiting.items[0]
    assert (item.title, item.reference, item.next_step) == (
        document.title,
        "示政办发〔2026〕1号",
        "签收",
    )
    assert item.level == "" and item.due_on == date(2026, 11, 4)
    assert groups(chengguan_clerk, date(2026, 11, 4))["officedocs_sign_for"].items[0].level == (
        "yellow"
    )
    assert groups(chengguan_clerk, date(2026, 11, 5))["officedocs_sign_for"].items[0].level == (
        "red"
    )
    assert "officedocs_sign_for" not in groups(county_clerk, date(2026, 11, 5))

    delivery = actions.sign_for(chengguan_clerk, document.deliveries.get())
    mine = groups(chengguan_clerk, date(2026, 11, 5))
    assert "officedocs_sign_for" not in mine
    assert mine["officedocs_propose"].items[0].due_on == date(2026, 11, 9)
    assert mine["officedocs_propose"].items[0].next_step == "拟办"

    # After the 拟办, the leader (not the clerk) sees it waiting for a 批办 ...
    delivery = actions.propose(chengguan_clerk, delivery, proposal="拟请镇长阅示。")
    assert "officedocs_instruct" not in groups(chengguan_clerk, date(2026, 11, 5))
    leader = groups(chengguan_leader, date(2026, 11, 9))["officedocs_instruct"]
    assert (leader.items[0].next_step, leader.items[0].level) == ("批办", "yellow")
    # ... and after the 批办, only the 承办人 sees it waiting to be finished.
    actions.instruct(
        chengguan_leader, delivery, instruction="请办公室落实。", assignee=chengguan_clerk
    )
    assert "officedocs_instruct" not in groups(chengguan_leader, date(2026, 11, 5))
    assert "officedocs_handle" not in groups(chengguan_leader, date(2026, 11, 5))
    handle = groups(chengguan_clerk, date(2026, 11, 10))["officedocs_handle"]
    assert (handle.items[0].next_step, handle.items[0].level) == ("办结", "red")


def test_the_draft_waits_for_the_checker_then_for_the_signer(
    county_clerk, county_checker, county_signer
):
    document = draft(county_clerk)
    assert "officedocs_check" not in groups(county_checker, date(2026, 11, 2))
    actions.submit_for_check(county_clerk, document)
    # The drafter never sees their own draft to check; the checker does, the signer too
    # (a unit administrator may check), until someone has checked it.
    assert "officedocs_check" not in groups(county_clerk, date(2026, 11, 2))
    waiting = groups(county_checker, date(2026, 11, 2))["officedocs_check"]
    assert (waiting.items[0].title, waiting.items[0].next_step) == (document.title, "核稿")
    actions.check(county_checker, document)
    assert "officedocs_check" not in groups(county_checker, date(2026, 11, 2))
    assert "officedocs_sign_off" not in groups(county_checker, date(2026, 11, 2))
    signing = groups(county_signer, date(2026, 11, 2))["officedocs_sign_off"]
    assert signing.items[0].next_step == "签发"


def test_the_dashboard_shows_the_waiting_document(
    client, county_clerk, county_signer, chengguan_clerk
):
    document = sent(county_clerk, county_signer, codes=["T01"])
    client.force_login(chengguan_clerk)
    page = client.get("/admin/").content.decode()
    assert "待签收公文" in page and document.title in page
