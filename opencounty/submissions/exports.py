"""Files the county office hands out: a bulletin issue as .docx (the standard bulletin layout,
after GB/T 9704-2012 like the disclosure letters) and the ranking as .xlsx. Every typed text
passes `core.export_text` (no control characters, no formulas)."""

from __future__ import annotations

import io

from django.conf import settings
from django.http import HttpResponse
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from opencounty.core import export_text
from opencounty.core.models import Unit
from opencounty.disclosure import letter_layout as layout
from opencounty.submissions.models import BulletinIssue
from opencounty.submissions.scoring import Period, Score

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RED = RGBColor(0xE6, 0x00, 0x12)
MASTHEAD_PT = 48
EDITOR_UNIT_KIND = Unit.Kind.COUNTY_OFFICE


def _text(value: str) -> str:
    return export_text.xml_text(value or "")


def _rule(paragraph, *, where: str = "bottom", size: int = 12) -> None:
    """A red line under (or over) the paragraph: the bulletin's 版头 separator."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{where}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "E60012")
    borders.append(line)
    properties.insert_element_before(
        borders, "w:shd", "w:tabs", "w:snapToGrid", "w:spacing", "w:ind", "w:jc", "w:rPr"
    )


def _centred(document, text: str, *, size: float | None = None, red: bool = False):
    paragraph = document.add_paragraph(style=layout.SALUTATION)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(_text(text))
    if size:
        run.font.size = Pt(size)
        paragraph.paragraph_format.line_spacing = Pt(size * 1.3)
    if red:
        run.font.color.rgb = RED
    return paragraph


def editor_unit_name() -> str:
    unit = Unit.objects.filter(kind=EDITOR_UNIT_KIND).order_by("order", "code").first()
    return unit.name if unit else settings.PLATFORM_NAME


def issue_document(issue: BulletinIssue) -> bytes:
    """The issue as .docx: red masthead, 第N期, 编发单位 and date over a red line, contents,
    the adopted items, and the 报/送/发 lines at the end."""
    document = layout.new_document()
    items = list(issue.items.select_related("unit").order_by("pk"))
    _centred(document, issue.get_bulletin_display(), size=MASTHEAD_PT, red=True)
    _centred(document, f"{issue.year}年第{issue.number}期")
    header = document.add_paragraph(style=layout.SALUTATION)
    header.add_run(_text(editor_unit_name()))
    header.paragraph_format.tab_stops.add_tab_stop(
        Mm(layout.TYPE_AREA_MM[0]), WD_TAB_ALIGNMENT.RIGHT
    )
    header.add_run("\t")
    header.add_run(f"{issue.issued_on.year}年{issue.issued_on.month}月{issue.issued_on.day}日")
    _rule(header)
    layout.blank_line(document)
    if len(items) > 1:
        contents = document.add_paragraph(style=layout.SALUTATION)
        contents.add_run("目  录").bold = True
        for position, item in enumerate(items, start=1):
            document.add_paragraph(_text(f"{position}. {item.shown_title}"), style=layout.BODY)
        layout.blank_line(document)
    for item in items:
        document.add_paragraph(_text(item.shown_title), style=layout.TITLE)
        layout.blank_line(document)
        for line in _text(item.shown_body).split("\n"):
            if line.strip():
                document.add_paragraph(line.strip(), style=layout.BODY)
        source = document.add_paragraph(style=layout.SIGNATURE)
        source.add_run(_text(f"（{item.unit.name}供稿）"))
        layout.blank_line(document)
    first = True
    for line in _text(issue.distribution).split("\n"):
        if not line.strip():
            continue
        paragraph = document.add_paragraph(line.strip(), style=layout.SALUTATION)
        if first:
            _rule(paragraph, where="top", size=8)
            first = False
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_response(issue: BulletinIssue) -> HttpResponse:
    response = HttpResponse(issue_document(issue), content_type=DOCX)
    name = f"bulletin-{issue.bulletin}-{issue.year}-{issue.number}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def ranking_workbook(period: Period, units: list[Score], officers: list[Score]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "单位排名"
    export_text.append(sheet, [f"政务信息报送得分排名（{period.label}）"])
    sheet["A1"].font = Font(bold=True, size=14)
    export_text.append(
        sheet,
        ["名次", "单位", "得分", "县级采用", "上级采用", "批示", "专报迟报", "目标分", "完成"],
    )
    for score in units:
        export_text.append(
            sheet,
            [
                score.rank,
                score.name,
                float(score.points),
                score.adopted,
                score.upward,
                score.instructions,
                score.late,
                float(score.target or 0),
                "是" if score.reached else "否",
            ],
        )
    people = book.create_sheet("信息员排名")
    export_text.append(
        people, ["名次", "信息员", "得分", "县级采用", "上级采用", "批示", "专报迟报"]
    )
    for score in officers:
        export_text.append(
            people,
            [
                score.rank,
                score.name,
                float(score.points),
                score.adopted,
                score.upward,
                score.instructions,
                score.late,
            ],
        )
    for worksheet in (sheet, people):
        worksheet.column_dimensions["B"].width = 36
        for row in worksheet.iter_rows(min_row=2, max_row=2):
            for cell in row:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(period: Period, units: list[Score], officers: list[Score]) -> HttpResponse:
    response = HttpResponse(ranking_workbook(period, units, officers), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="submission-scores-{period.start:%Y%m}-{period.kind}.xlsx"'
    )
    return response
