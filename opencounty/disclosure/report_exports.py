"""The annual report as text (for the command), Word (.docx) and Excel (.xlsx, one sheet per table).

The written sections are staff text: every Word run and Excel cell goes through core.export_text
(control characters that would break the file removed; no formulas)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from opencounty.core import export_text
from opencounty.disclosure.annual_report import ReportDocument
from opencounty.disclosure.report_tables import HeaderCell, Table, Value

INDENT = "\u3000"  # an ideographic space per level, as the national tables indent sub-items


def section_headings() -> list[tuple[int, str]]:
    return [
        (1, _("一、总体情况")),
        (2, _("二、主动公开政府信息情况")),
        (3, _("三、收到和处理政府信息公开申请情况")),
        (4, _("四、政府信息公开行政复议、行政诉讼情况")),
        (5, _("五、存在的主要问题及改进情况")),
        (6, _("六、其他需要报告的事项")),
    ]


def section_text(document: ReportDocument, number: int) -> list[str]:
    """The written paragraphs of a section (1, 5 and 6; section 6 adds the fee statement)."""
    report = document.report
    text = {1: report.overview, 5: report.problems, 6: report.other_matters}.get(number, "")
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    if number == 6:
        paragraphs.append(document.fee_statement)
    return paragraphs


@dataclass
class Section:
    number: int
    heading: str
    paragraphs: list[str]
    tables: list[Table]


def report_sections(document: ReportDocument) -> list[Section]:
    """The six sections in order, each with its written paragraphs and its tables."""
    return [
        Section(number, heading, section_text(document, number), document.section(number))
        for number, heading in section_headings()
    ]


def header_positions(table: Table) -> list[tuple[HeaderCell, int, int]]:
    """Each header cell with its row and column in the grid (columns after the label column)."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, line in enumerate(table.header):
        c = 0
        for cell in line:
            while (r, c) in taken:
                c += 1
            placed.append((cell, r, c))
            taken |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            c += cell.colspan
    return placed


def column_labels(table: Table) -> list[str]:
    """The lowest header cell over each column."""
    depth = len(table.header)
    labels = [""] * table.width
    for cell, r, c in header_positions(table):
        if r + cell.rowspan == depth:
            for dc in range(cell.colspan):
                labels[c + dc] = cell.text
    return labels


# Text ------------------------------------------------------------------------------------------


def to_text(document: ReportDocument) -> str:
    lines = [document.title]
    for section in report_sections(document):
        lines += ["", section.heading, *section.paragraphs]
        for table in section.tables:
            lines += ["", f"【{table.title}】", "\t".join(["", *column_labels(table)])]
            lines += [
                "\t".join([INDENT * row.level + row.label, *(str(v) for v in row.values)])
                for row in table.rows
            ]
    return "\n".join(lines) + "\n"


# Word ------------------------------------------------------------------------------------------


def _xml(text: str) -> str:
    return export_text.xml_text(str(text))


def _docx_table(doc, table: Table) -> None:
    depth = len(table.header)
    grid = doc.add_table(rows=depth + len(table.rows), cols=table.width + 1)
    grid.style = "Table Grid"
    grid.cell(0, 0).merge(grid.cell(depth - 1, 0)).text = _xml(table.corner)
    for cell, r, c in header_positions(table):
        target = grid.cell(r, c + 1).merge(grid.cell(r + cell.rowspan - 1, c + cell.colspan))
        target.text = _xml(cell.text)
    for i, row in enumerate(table.rows, start=depth):
        label = _xml(INDENT * row.level + row.label)
        if not row.values:
            grid.cell(i, 0).merge(grid.cell(i, table.width)).text = label
            continue
        grid.cell(i, 0).text = label
        for c, value in enumerate(row.values, start=1):
            grid.cell(i, c).text = _xml(str(value))
            grid.cell(i, c).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _chinese_font(doc) -> None:
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def to_docx(document: ReportDocument) -> bytes:
    doc = Document()
    _chinese_font(doc)
    doc.add_heading(_xml(document.title), level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in report_sections(document):
        doc.add_heading(_xml(section.heading), level=1)
        for paragraph in section.paragraphs:
            doc.add_paragraph(_xml(paragraph))
        for table in section.tables:
            doc.add_paragraph().add_run(_xml(table.title)).bold = True
            _docx_table(doc, table)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


# Excel -----------------------------------------------------------------------------------------


def _number(value: Value) -> int | Decimal | str:
    if isinstance(value, int):
        return value
    try:
        return Decimal(value)
    except InvalidOperation:
        return value


def _fill_sheet(sheet, document: ReportDocument, table: Table) -> None:
    export_text.put(sheet, 1, 1, f"{document.title} · {table.title}").font = Font(bold=True)
    top = 2
    depth = len(table.header)
    export_text.put(sheet, top, 1, table.corner)
    sheet.merge_cells(start_row=top, start_column=1, end_row=top + depth - 1, end_column=1)
    for cell, r, c in header_positions(table):
        export_text.put(sheet, top + r, c + 2, cell.text)
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=top + r,
                start_column=c + 2,
                end_row=top + r + cell.rowspan - 1,
                end_column=c + 1 + cell.colspan,
            )
    for i, row in enumerate(table.rows, start=top + depth):
        label = export_text.put(sheet, i, 1, row.label)
        label.alignment = Alignment(indent=2 * row.level, wrap_text=True)
        for c, value in enumerate(row.values, start=2):
            export_text.put(sheet, i, c, _number(value))
    sheet.column_dimensions["A"].width = 60


def to_xlsx(document: ReportDocument) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in document.tables:
        _fill_sheet(workbook.create_sheet(_xml(table.sheet)[:31]), document, table)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


# Downloads -------------------------------------------------------------------------------------

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(
    data: bytes, content_type: str, document: ReportDocument, suffix: str
) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    filename = f"annual-report-{document.unit.code}-{document.year}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def docx_response(document: ReportDocument) -> HttpResponse:
    return _download(to_docx(document), DOCX_TYPE, document, "docx")


def xlsx_response(document: ReportDocument) -> HttpResponse:
    return _download(to_xlsx(document), XLSX_TYPE, document, "xlsx")
