"""Excel (.xlsx) exports of the supervision board and the unit assessment: a title row (what,
for which units and filters, as of when), a frozen header, column widths that fit the text,
and red/yellow fills for the warning colours. Every cell goes through core.export_text, so a
case title typed by a citizen can never be a formula or break the file."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from opencounty.core import export_text
from opencounty.supervision import board
from opencounty.supervision.assessment import Assessment, UnitFigures, scoring_rules
from opencounty.supervision.board import Row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 3  # 1: title, 2: what the sheet covers, 3: column headings
MIN_WIDTH, MAX_WIDTH = 6, 50
WIDTH_SAMPLE = 2000  # lines measured for the column widths (the board may export 100,000)

# Excel's own "bad" and "neutral" cell styles: readable text on a light fill.
FILLS = {
    board.RED: (PatternFill("solid", fgColor="FFC7CE"), Font(color="9C0006")),
    board.YELLOW: (PatternFill("solid", fgColor="FFEB9C"), Font(color="9C5700")),
}


@dataclass
class Line:
    values: list[Any]
    colour: str = ""  # board.RED / board.YELLOW
    only_columns: tuple[int, ...] = ()  # fill only these columns (1-based); all when empty
    bold: bool = False


def display_width(value: Any) -> int:
    """Roughly how many character widths Excel needs: CJK characters count twice."""
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    text = str(value)
    longest = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def _fill(cells, colour: str) -> None:
    if colour not in FILLS:
        return
    fill, font = FILLS[colour]
    for cell in cells:
        cell.fill = fill
        cell.font = font


def _workbook(
    sheet_title: str,
    title: str,
    subtitle: str,
    header: list[str],
    lines: list[Line],
    *,
    notes: tuple[str, ...] = (),
    frozen_columns: int = 0,
) -> bytes:
    book = Workbook()
    sheet: Worksheet = book.active
    sheet.title = export_text.xml_text(sheet_title)[:31]
    width = len(header)
    for row, text, font in ((1, title, Font(bold=True, size=14)), (2, subtitle, Font(size=10))):
        cell = export_text.put(sheet, row, 1, text)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[1].height = 24
    sheet.row_dimensions[2].height = 30
    for column, heading in enumerate(header, start=1):
        cell = export_text.put(sheet, HEADER_ROW, column, heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for offset, line in enumerate(lines, start=HEADER_ROW + 1):
        cells = [
            export_text.put(sheet, offset, column, value)
            for column, value in enumerate(line.values, start=1)
        ]
        if line.bold:
            for cell in cells:
                cell.font = Font(bold=True)
        if line.colour:
            _fill([cells[c - 1] for c in line.only_columns] or cells, line.colour)
    row = HEADER_ROW + len(lines) + 2
    for note in notes:
        export_text.put(sheet, row, 1, note).alignment = Alignment(wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.row_dimensions[row].height = 30
        row += 1
    sample = lines[:WIDTH_SAMPLE]
    for column in range(1, width + 1):
        widest = max(
            [display_width(header[column - 1])]
            + [display_width(line.values[column - 1]) for line in sample]
        )
        sheet.column_dimensions[get_column_letter(column)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, widest + 2)
        )
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, frozen_columns + 1).coordinate
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def board_workbook(
    rows: list[Row],
    *,
    covers: str = "",
    today: date | None = None,
    others: list[board.OtherRow] = (),
) -> bytes:
    """The board's rows (every one, not only those shown), whole lines red or yellow; then the
    registered overdue items that are not cases (their reference in the number column)."""
    header = [
        _("类别"),
        _("受理编号"),
        _("标题"),
        _("环节"),
        _("承办单位"),
        _("状态"),
        _("办理期限"),
        _("期限说明"),
        _("剩余工作日（分钟计时的为分钟）"),
        _("预警"),
        _("异常情况"),
    ]
    lines = [
        Line(
            [
                row.kind_label,
                row.case.receipt_number,
                row.case.title,
                str(row.item),
                row.unit.name,
                str(row.state_label),
                row.due_on,
                _("暂定，以国务院公布的节假日安排为准") if row.provisional else "",
                row.remaining_text if row.in_minutes else row.remaining,
                row.colour_label,
                "；".join(str(flag) for flag in row.flags),
            ],
            colour=row.colour,
        )
        for row in rows
    ]
    lines += [
        Line(
            [
                str(row.item.category),
                row.item.reference,
                "",
                "",
                row.item.unit.name,
                str(row.item.state_label),
                row.item.due_on,
                "",
                row.remaining,
                row.colour_label,
                "",
            ],
            colour=row.colour,
        )
        for row in others
    ]
    subtitle = _("%(covers)s；共 %(count)s 条；导出日期：%(today)s") % {
        "covers": covers or _("全部"),
        "count": len(lines),
        "today": today or "",
    }
    return _workbook(
        _("电子监察"),
        _("电子监察办件清单"),
        subtitle,
        header,
        lines,
        frozen_columns=2,
    )


def _assessment_values(row: UnitFigures, name: str) -> list[Any]:
    return [
        row.rank,
        name,
        float(row.score),
        row.received,
        row.closed,
        row.closed_on_time,
        row.overdue,
        row.on_time_rate,
        row.average_working_days,
        row.satisfaction_rate,
        row.stale_columns,
        row.incomplete_guides,
    ]


def assessment_workbook(
    assessment: Assessment, *, covers: str = "", today: date | None = None
) -> bytes:
    """The ranking with the totals row; scores below 60 red, below 80 yellow."""
    header = [
        _("排名"),
        _("单位"),
        _("综合得分"),
        _("受理件数"),
        _("办结件数"),
        _("按时办结"),
        _("超期件数"),
        _("按时办结率（%）"),
        _("平均办理工作日"),
        _("满意率（%）"),
        _("未按时更新栏目"),
        _("要素不全的办事指南"),
    ]
    lines = [
        Line(_assessment_values(row, row.unit.name), colour=row.level, only_columns=(3,))
        for row in assessment.rows
    ]
    total = _assessment_values(assessment.total, _("合计"))
    total[0] = ""
    total[2] = float(assessment.average_score) if assessment.average_score is not None else None
    lines.append(Line(total, bold=True))
    month = assessment.month
    title = _("%(year)s年%(month)s月单位考核") % {"year": month.year, "month": month.month}
    subtitle = _("%(covers)s；统计截至 %(until)s；导出日期：%(today)s") % {
        "covers": covers or _("全部单位"),
        "until": assessment.until,
        "today": today or "",
    }
    rules = "；".join(f"{label}：{rule}" for label, rule in scoring_rules())
    notes = (
        _(
            "综合得分 = 100 − 扣分。%(rules)s。低于 60 分标红，低于 80 分标黄；合计行的得分为各单位平均分。"
        )
        % {"rules": rules},
    )
    return _workbook(str(month), title, subtitle, header, lines, notes=notes, frozen_columns=2)


def download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
