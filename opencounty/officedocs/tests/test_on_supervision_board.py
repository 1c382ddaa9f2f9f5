"""Units that have not signed for a document appear on the supervision board (电子监察), in
its second table: yellow on the last sign-for day, red after it, with the 文号 and the unit
but never the title; a unit supervising only itself sees only its own row; the kind filter,
which names case kinds, leaves them out; the Excel export carries them."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from conftest import persona
from opencounty.core.models import Role
from opencounty.officedocs import actions
from opencounty.officedocs.tests.conftest import SHANGHAI, sent

pytestmark = pytest.mark.django_db


def on(day: int) -> time_machine.travel:
    return time_machine.travel(datetime(2026, 11, day, 10, tzinfo=SHANGHAI), tick=False)


def get(client, user, day: int, url: str, **params):
    """The screen as `user` sees it on the day (signed in that day: staff sessions idle out)."""
    with on(day):
        client.force_login(user)
        response = client.get(url, params)
    assert response.status_code == 200, response
    return response


def other_rows(response) -> dict[str, tuple[str, str]]:
    """Per unit short name: (colour, the row's text)."""
    page = BeautifulSoup(response.content.decode(), "html.parser")
    table = page.find("table", attrs={"aria-labelledby": "others"})
    if table is None:
        return {}
    return {
        row.find_all("td")[2].get_text(strip=True): (
            row["data-colour"],
            row.get_text(" ", strip=True),
        )
        for row in table.select("tbody tr")
    }


def test_unsigned_units_are_on_the_board_without_the_title(
    client, county_clerk, county_signer, chengguan_clerk, office_headline_reviewer
):
    # Sent on Monday 2 November to 城关镇, 青石镇 and 教育局: the last sign-for day is the 4th.
    document = sent(county_clerk, county_signer)
    actions.sign_for(chengguan_clerk, document.deliveries.get(unit__code="T01"))
    board_url = reverse("supervision_admin:board")

    reviewer = office_headline_reviewer
    response = get(client, reviewer, 3, board_url)
    assert other_rows(response) == {}, "not due yet: nothing to supervise"

    rows = other_rows(get(client, reviewer, 4, board_url))
    assert len(rows) == 2 and "城关镇" not in rows, rows
    assert {colour for colour, _ in rows.values()} == {"yellow"}

    # Friday: two working days past the sign-for day.
    response = get(client, reviewer, 6, board_url)
    rows = other_rows(response)
    assert len(rows) == 2 and {colour for colour, _ in rows.values()} == {"red"}
    for _, text in rows.values():
        assert document.number in text and "公文签收" in text and "未签收" in text
        assert "-2" in text
    page = response.content.decode()
    assert "其他督办事项（2 条）" in page
    assert document.title not in page, "the supervisor does not read other units' documents"

    # The kind filter names case kinds: no document rows under it.
    assert other_rows(get(client, reviewer, 6, board_url, kind="letter")) == {}

    # The export carries them, whole lines red.
    export = get(client, reviewer, 6, reverse("supervision_admin:board_export"))
    sheet = load_workbook(BytesIO(export.content)).active
    lines = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    ours = [line for line in lines if line[1] == document.number]
    assert len(ours) == 2 and {line[0] for line in ours} == {"公文签收"}
    assert all(line[9] == "红色预警（已超期）" for line in ours)


def test_a_unit_sees_only_its_own_unsigned_documents(client, county_clerk, county_signer):
    document = sent(county_clerk, county_signer)
    qingshi_officer = persona("qs_officer_board", "T02", Role.INFORMATION_OFFICER)
    rows = other_rows(get(client, qingshi_officer, 6, reverse("supervision_admin:board")))
    assert list(rows) == ["青石镇"], rows
    assert document.number in rows["青石镇"][1]
