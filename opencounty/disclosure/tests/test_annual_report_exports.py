"""The Word and Excel files of the annual report, and the command that writes them."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from opencounty.core.models import Unit
from opencounty.disclosure.annual_report import build_report
from opencounty.disclosure.report_exports import to_docx, to_xlsx
from opencounty.disclosure.tests.test_annual_report_publishing import draft

SHEETS = [
    "规章和规范性文件",
    "行政许可",
    "行政处罚和行政强制",
    "行政事业性收费",
    "依申请公开",
    "行政复议和行政诉讼",
]


@pytest.fixture
def t01_document(known_requests, chengguan_officer):
    draft(
        "T01",
        chengguan_officer,
        overview="全年主动公开信息若干条。",
        problems="公开内容还不够全面。",
        licensing_decisions=12,
        administrative_fees_10k_yuan=Decimal("1.25"),
        review_upheld=3,
        review_pending=2,
        suit_after_review_corrected=1,
    )
    return build_report([Unit.objects.get(code="T01")], 2026)


def sheet_row(sheet, label: str) -> list:
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == label)
    return list(row[1:])


@pytest.mark.django_db
def test_the_excel_file_has_one_sheet_per_table_with_the_right_cells(t01_document):
    workbook = load_workbook(BytesIO(to_xlsx(t01_document)))
    assert workbook.sheetnames == SHEETS
    requests = workbook["依申请公开"]
    assert (
        requests["A1"].value
        == "示范县城关镇2026年政府信息公开工作年度报告 · 收到和处理政府信息公开申请情况"
    )
    assert requests["B2"].value == "申请人情况" and "B2:H2" in requests.merged_cells
    assert requests["C3"].value == "法人或其他组织" and "C3:G3" in requests.merged_cells
    assert "B3:B4" in requests.merged_cells and "H3:H4" in requests.merged_cells
    assert sheet_row(requests, "一、本年新收政府信息公开申请数量") == [1, 1, 1, 0, 1, 1, 5]
    assert sheet_row(requests, "1.属于国家秘密") == [1, 0, 0, 0, 0, 0, 1]
    assert sheet_row(requests, "四、结转下年度继续办理") == [0, 0, 1, 0, 1, 0, 2]
    review = workbook["行政复议和行政诉讼"]
    assert sheet_row(review, "行政复议") == [3, 0, 0, 2, 5]
    assert sheet_row(review, "复议后起诉") == [0, 1, 0, 0, 1]
    assert sheet_row(workbook["行政许可"], "行政许可") == [12]
    assert sheet_row(workbook["行政事业性收费"], "行政事业性收费") == [1.25]


@pytest.mark.django_db
def test_the_word_file_has_the_six_sections_and_the_national_tables(t01_document):
    document = Document(BytesIO(to_docx(t01_document)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "示范县城关镇2026年政府信息公开工作年度报告"
    for heading in (
        "一、总体情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "六、其他需要报告的事项",
    ):
        assert heading in paragraphs
    assert "公开内容还不够全面。" in paragraphs
    assert "本年度未发出信息处理费收费通知，未收取信息处理费。" in paragraphs
    assert len(document.tables) == 6
    requests = document.tables[4]
    assert requests.cell(0, 1).text == "申请人情况" and requests.cell(0, 7).text == "申请人情况"
    assert requests.cell(1, 1).text == requests.cell(2, 1).text == "自然人"
    assert [c.text for c in requests.rows[3].cells] == [
        "一、本年新收政府信息公开申请数量",
        "1",
        "1",
        "1",
        "0",
        "1",
        "1",
        "5",
    ]
    review = document.tables[5]
    assert [c.text for c in review.rows[1].cells] == ["行政复议", "3", "0", "0", "2", "5"]


@pytest.mark.django_db
def test_the_command_prints_every_table(known_requests, capsys):
    call_command("disclosure_annual_report", unit="T01", year=2026)
    out = capsys.readouterr().out
    for title in (
        "【第二十条第（一）项】",
        "【第二十条第（五）项】",
        "【第二十条第（六）项】",
        "【第二十条第（八）项】",
        "【收到和处理政府信息公开申请情况】",
        "【政府信息公开行政复议、行政诉讼情况】",
    ):
        assert title in out
    assert "行政复议\t0\t0\t0\t0\t0" in out
    assert "\u3000\u3000" + "1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1" in out


@pytest.mark.django_db
def test_the_command_writes_excel_and_word_files(known_requests, tmp_path, capsys):
    xlsx, docx = tmp_path / "report.xlsx", tmp_path / "report.docx"
    call_command("disclosure_annual_report", unit="000", year=2026, format="xlsx", output=xlsx)
    call_command("disclosure_annual_report", unit="000", year=2026, format="docx", output=docx)
    county = load_workbook(xlsx)["依申请公开"]
    assert sheet_row(county, "一、本年新收政府信息公开申请数量")[0] == 2
    assert Document(docx).paragraphs[0].text == "示范县人民政府2026年政府信息公开工作年度报告"
    with pytest.raises(CommandError, match="--output"):
        call_command("disclosure_annual_report", unit="T01", year=2026, format="xlsx")
