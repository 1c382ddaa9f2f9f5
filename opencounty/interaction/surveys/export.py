"""The Excel workbook of a survey: one sheet of results, one sheet of raw answer sheets.
Every cell goes through core.export_text (no formulas, no control characters)."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from opencounty.core import export_text
from opencounty.interaction.models.surveys import SurveyPage
from opencounty.interaction.surveys.results import SurveyResults, tally

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _put(sheet: Worksheet, row: int, column: int, value) -> Cell:
    """Text from the public is never a formula and never breaks the file (core.export_text)."""
    return export_text.put(sheet, row, column, value)


class _Rows:
    """Writes rows one after another (an empty list leaves a blank row)."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 0

    def add(self, values: list) -> None:
        self.row += 1
        for column, value in enumerate(values, start=1):
            _put(self.sheet, self.row, column, value)


def _results_sheet(sheet: Worksheet, page: SurveyPage, results: SurveyResults) -> None:
    sheet.title = _("统计结果")
    rows = _Rows(sheet)
    rows.add([page.title])
    rows.add(
        [
            _("调查时间"),
            f"{timezone.localtime(page.opens_at):%Y-%m-%d %H:%M} - "
            f"{timezone.localtime(page.closes_at):%Y-%m-%d %H:%M}",
        ],
    )
    rows.add([_("答卷总数"), results.total])
    for question in results.questions:
        rows.add([])
        rows.add([f"{question.number}. {question.label}", _("作答人数"), question.answered])
        if question.is_text:
            rows.add([_("文字回答见“原始答卷”表")])
            continue
        rows.add([_("选项"), _("人数"), _("比例(%)")])
        for option in question.options:
            rows.add([option.label, option.count, option.percent])
        if question.average is not None:
            rows.add([_("平均分"), question.average])
    sheet.column_dimensions["A"].width = 40


def _cell_value(value):
    if isinstance(value, list):
        return "；".join(str(v) for v in value)
    return "" if value is None else value


def _answers_sheet(sheet: Worksheet, page: SurveyPage) -> int:
    questions = page.questions()
    rows = _Rows(sheet)
    rows.add([_("序号"), _("提交时间"), *[q.label for q in questions]])
    count = 0
    for count, answer in enumerate(page.get_submissions().order_by("submit_time", "id"), 1):
        submitted = timezone.localtime(answer.submit_time).replace(tzinfo=None)
        data = answer.form_data
        rows.add([count, submitted, *[_cell_value(data.get(q.clean_name)) for q in questions]])
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd hh:mm:ss"
    return count


def survey_workbook(page: SurveyPage) -> tuple[bytes, int]:
    """The workbook as bytes, and how many answer sheets it holds."""
    book = Workbook()
    _results_sheet(book.active, page, tally(page))
    answers = _answers_sheet(book.create_sheet(_("原始答卷")), page)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue(), answers
