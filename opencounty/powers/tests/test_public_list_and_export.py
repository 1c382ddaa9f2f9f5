"""The public list: browse by category and unit, search, the enforcement bases, the Excel
export with formulas neutralised, and hostile input answered without a 500."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from opencounty.powers.tests.people import officer, published_power, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def powers():
    writer, checker = officer("D01"), reviewer("D01")
    penalty = published_power(writer, checker, "D01", code="QL-P-001")
    licence = published_power(
        writer, checker, "D01", code="QL-P-002", name="食品经营许可", category="licensing", steps=[]
    )
    formula = published_power(
        writer,
        checker,
        "D01",
        code="QL-P-003",
        name='=HYPERLINK("http://evil.example","点击")',
        category="inspection",
    )
    return penalty, licence, formula


def test_browsing_by_category_and_searching(client, powers):
    page = client.get("/powers/?category=licensing").content.decode()
    assert "食品经营许可" in page and "对未取得许可从事食品经营的处罚" not in page
    page = client.get("/powers/?q=QL-P-001").content.decode()
    assert "对未取得许可从事食品经营的处罚" in page and "食品经营许可</a>" not in page
    page = client.get(f"/powers/?unit={powers[0].unit_id}").content.decode()
    assert "QL-P-002" in page


def test_the_enforcement_page_lists_the_departments_laws(client, powers):
    page = client.get("/powers/enforcement/").content.decode()
    assert powers[0].unit.name in page
    assert "《中华人民共和国食品安全法》" in page and "第一百二十二条" in page


def test_the_export_keeps_formulas_as_text(client, powers):
    response = client.get("/powers/export.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    names = {row[1].value: row[1] for row in sheet.iter_rows(min_row=2)}
    cell = names['=HYPERLINK("http://evil.example","点击")']
    assert cell.data_type == "s" and cell.quotePrefix


@pytest.mark.parametrize(
    "query",
    ["?category=%00", "?unit=abc", "?unit=99999", "?page=-1", "?q=" + "长" * 500, "?q=%00%01"],
)
def test_hostile_filters_are_ignored_not_a_500(client, powers, query):
    assert client.get("/powers/" + query).status_code == 200
    assert client.get("/powers/export.xlsx" + query).status_code == 200
    assert client.get("/powers/publicity/" + query).status_code == 200


def test_an_unknown_power_is_404(client):
    assert client.get("/powers/item/NOPE/").status_code == 404
    assert client.get("/powers/item/%3Cscript%3E/").status_code == 404
