"""我的待办: a unit's clerks see the documents waiting for them to sign for, coloured by the
case engine's rule, then the ones waiting to be finished; the sender's staff do not."""

from __future__ import annotations

from datetime import date

import pytest

from opencounty.core import todo
from opencounty.officedocs import actions
from opencounty.officedocs.tests.conftest import sent

pytestmark = pytest.mark.django_db


def groups(user, today: date) -> dict:
    return {group.key: group for group in todo.groups_for(user, today)}


def test_a_document_waits_to_be_signed_for_then_to_be_finished(
    county_clerk, county_signer, chengguan_clerk
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

    actions.sign_for(chengguan_clerk, document.deliveries.get())
    mine = groups(chengguan_clerk, date(2026, 11, 5))
    assert "officedocs_sign_for" not in mine
    assert mine["officedocs_handle"].items[0].due_on == date(2026, 11, 9)
    assert mine["officedocs_handle"].items[0].next_step == "办结"


def test_the_dashboard_shows_the_waiting_document(
    client, county_clerk, county_signer, chengguan_clerk
):
    document = sent(county_clerk, county_signer, codes=["T01"])
    client.force_login(chengguan_clerk)
    page = client.get("/admin/").content.decode()
    assert "待签收公文" in page and document.title in page
