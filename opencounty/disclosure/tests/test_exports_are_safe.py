"""Issue 11 V6/V7 in disclosure: control characters typed into a public application made the
statutory reply letter (答复书) impossible to produce (HTTP 500); text typed by staff and shown
in the public catalogue download or the annual report must never be a formula nor break the
file either. Every one of these files is now produced, with the text readable."""

import csv
import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from opencounty.core.models import Unit
from opencounty.disclosure import actions
from opencounty.disclosure.models import DisclosurePage
from opencounty.disclosure.outcomes import Outcome
from opencounty.disclosure.tests.test_annual_report_publishing import draft
from opencounty.disclosure.tests.test_catalogue import catalogued_article, publish
from opencounty.disclosure.tests.test_disclosure_requests import apply

pytestmark = pytest.mark.django_db

FORMULA = "=cmd|' /C calc'!A0"


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


@pytest.fixture
def hostile_request(chengguan_officer):
    """An application whose name and description carry control characters, as pasted
    (not NUL, which the forms refuse and PostgreSQL cannot store)."""
    request, _code = apply(
        name="林\x01示\x1b范",
        description="2026年\x07低保\x02资金\x0b发放明细" + FORMULA,
        document_number="城政发\x08〔2026〕3号",
    )
    actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    request.refresh_from_db()
    return request


def test_the_reply_letter_is_produced_and_readable(client, chengguan_officer, hostile_request):
    case = hostile_request.case
    # The officer pastes a reply from Word: its manual line break arrives as a vertical tab.
    actions.reply(
        case, chengguan_officer, outcome=Outcome.DISCLOSED, text="予以公开。\x0b见附件\x0c。"
    )
    client.force_login(chengguan_officer)
    response = client.get(f"/admin/disclosure-requests/{case.pk}/letter.docx")
    assert response.status_code == 200
    text = text_of(response.content)
    assert "林示范：" in text
    assert "申请获取“2026年低保资金\n发放明细" + FORMULA + "”（城政发〔2026〕3号）" in text
    assert "予以公开。\n见附件\n。" in text
    assert not any(ch in text for ch in "\x00\x01\x07\x08\x0b\x0c\x1b")


def test_the_draft_letter_is_produced_too(client, chengguan_officer, hostile_request):
    client.force_login(chengguan_officer)
    response = client.post(
        f"/admin/disclosure-requests/{hostile_request.case.pk}/letter-draft.docx",
        {
            "reply-outcome": "disclosed",
            "reply-sub_reason": "",
            "reply-responsible_body": "",
            "reply-text": "拟予\x02公开",
            "reply-on": "",
        },
    )
    assert response.status_code == 200
    assert "拟予公开" in text_of(response.content)


@pytest.fixture
def formula_document():
    """A catalogued document whose title an officer typed as a formula, with a stray control."""
    return publish(catalogued_article("T01", FORMULA + "\x1f宅基地审核细则"))


def platform_url() -> str:
    return DisclosurePage.objects.child_of(Unit.objects.get(code="T01").root_page).get().url


def test_the_public_catalogue_csv_never_starts_a_cell_with_a_formula(client, formula_document):
    response = client.get(platform_url() + "catalogue/csv/")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    titles = [row[1] for row in rows[1:]]
    assert "'" + FORMULA + "宅基地审核细则" in titles
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_public_catalogue_workbook_has_the_title_as_text(client, formula_document):
    response = client.get(platform_url() + "catalogue/xlsx/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = next(row[1] for row in sheet.iter_rows(min_row=2) if "宅基地审核细则" in row[1].value)
    assert cell.value == FORMULA + "宅基地审核细则"
    assert cell.data_type == "s" and cell.quotePrefix


def test_the_annual_report_files_are_produced_from_pasted_text(client, chengguan_officer):
    draft(
        "T01",
        chengguan_officer,
        overview="全年主动公开\x01信息\x0b若干条。",
        problems="=公开内容还不够全面\x1b。",
    )
    client.force_login(chengguan_officer)
    word = client.get("/admin/annual-reports/T01/2026/report.docx")
    assert word.status_code == 200
    text = text_of(word.content)
    assert "全年主动公开信息\n若干条。" in text and "=公开内容还不够全面。" in text
    excel = client.get("/admin/annual-reports/T01/2026/report.xlsx")
    assert excel.status_code == 200
    assert load_workbook(io.BytesIO(excel.content)).sheetnames[0] == "规章和规范性文件"
