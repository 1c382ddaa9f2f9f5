"""Excel (.xlsx) exports of the supervision board and the unit assessment."""

from __future__ import annotations

from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from opencounty.supervision.assessment import Assessment
from opencounty.supervision.board import Row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(title: str, header: list[str], lines: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append(line)
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def board_workbook(rows: list[Row]) -> bytes:
    header = [
        _("类别"),
        _("受理编号"),
        _("标题"),
        _("环节"),
        _("承办单位"),
        _("状态"),
        _("办理期限"),
        _("期限说明"),
        _("剩余工作日"),
        _("预警"),
        _("异常情况"),
    ]
    lines = [
        [
            row.kind_label,
            row.case.receipt_number,
            row.case.title,
            str(row.item),
            row.unit.name,
            str(row.state_label),
            row.due_on,
            _("暂定，以国务院公布的节假日安排为准") if row.provisional else "",
            row.remaining,
            row.colour_label,
            "；".join(str(flag) for flag in row.flags),
        ]
        for row in rows
    ]
    return _workbook(_("电子监察"), header, lines)


def assessment_workbook(assessment: Assessment) -> bytes:
    header = [
        _("单位"),
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
        [
            row.unit.name,
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
        for row in assessment.rows
    ]
    return _workbook(str(assessment.month), header, lines)


def download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
