"""Files the county office hands out: a bulletin issue as .docx (the standard bulletin layout,
after GB/T 9704-2012 like the disclosure letters) and the ranking as .xlsx. Every typed text
passes `core.export_text` (no control characters, no formulas)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape

from django.conf import settings
from django.http import HttpResponse
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Mm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from opencounty.core import export_text
from opencounty.core.models import Unit
from opencounty.disclosure import letter_layout as layout
from opencounty.submissions.models import BulletinIssue, Level, Submission, UpwardAdoption
from opencounty.submissions.scoring import Period, Score

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RED = layout.MASTHEAD_RED
MASTHEAD_PT = 48
EDITOR_UNIT_KIND = Unit.Kind.COUNTY_OFFICE


def _text(value: str) -> str:
    return export_text.xml_text(value or "")


def editor_unit_name() -> str:
    unit = Unit.objects.filter(kind=EDITOR_UNIT_KIND).order_by("order", "code").first()
    return unit.name if unit else settings.PLATFORM_NAME


def issue_document(issue: BulletinIssue) -> bytes:
    """The issue as .docx: red masthead, 第N期, 编发单位 and date over a red line, contents,
    the adopted items, and the 报/送/发 lines at the end."""
    document = layout.new_document()
    items = list(issue.items.select_related("unit").order_by("pk"))
    layout.centred(document, issue.get_bulletin_display(), size=MASTHEAD_PT, red=True)
    layout.centred(document, f"{issue.year}年第{issue.number}期")
    header = document.add_paragraph(style=layout.SALUTATION)
    header.add_run(_text(editor_unit_name()))
    header.paragraph_format.tab_stops.add_tab_stop(
        Mm(layout.TYPE_AREA_MM[0]), WD_TAB_ALIGNMENT.RIGHT
    )
    header.add_run("\t")
    header.add_run(f"{issue.issued_on.year}年{issue.issued_on.month}月{issue.issued_on.day}日")
    layout.rule(header, colour="E60012", size_eighths=12)
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
            layout.rule(paragraph, colour="E60012", size_eighths=8, where="top")
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


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def adopted_in(period: Period):
    """The items the county adopted in the period, in adoption order (the batch for the city)."""
    return (
        Submission.objects.filter(
            state=Submission.State.ADOPTED, adopted_on__range=(period.start, period.end)
        )
        .select_related("unit", "issue")
        .prefetch_related("upward_adoptions")
        .order_by("adopted_on", "pk")
    )


def upward_document(period: Period) -> bytes:
    """The batch of adopted items sent up to the city, one after another."""
    document = layout.new_document()
    document.add_paragraph(
        _text(f"{editor_unit_name()}报送信息（{period.label}）"), style=layout.TITLE
    )
    layout.blank_line(document)
    for position, item in enumerate(adopted_in(period), start=1):
        heading = document.add_paragraph(style=layout.SALUTATION)
        heading.add_run(_text(f"{position}. {item.shown_title}")).bold = True
        for line in _text(item.shown_body).split("\n"):
            if line.strip():
                document.add_paragraph(line.strip(), style=layout.BODY)
        source = document.add_paragraph(style=layout.SIGNATURE)
        source.add_run(_text(f"（{item.unit.name}供稿，{item.issue}）"))
    return _save(document)


def upward_workbook(period: Period) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "报送清单"
    export_text.append(
        sheet, ["序号", "编号", "标题", "报送单位", "类别", "采用期次", "县级采用日期", "上级采用"]
    )
    for position, item in enumerate(adopted_in(period), start=1):
        upward = "、".join(str(u.get_level_display()) for u in item.upward_adoptions.all())
        export_text.append(
            sheet,
            [
                position,
                item.reference,
                item.shown_title,
                item.unit.name,
                str(item.get_category_display()),
                str(item.issue),
                item.adopted_on,
                upward,
            ],
        )
    sheet.column_dimensions["C"].width = 48
    sheet.column_dimensions["D"].width = 28
    return _save(book)


@dataclass(frozen=True)
class NoticeText:
    """The 通报 of a period in words: one text for the Word draft and the portal article."""

    title: str
    salutation: str
    sections: list[tuple[str, str]]  # (heading, paragraph); the first heading is empty
    signature: str


def notice_text(period: Period, units: list[Score]) -> NoticeText:
    """The figures of the period, units named for good work and units behind their target."""
    sent = Submission.objects.filter(submitted_at__date__range=(period.start, period.end)).count()
    adopted = adopted_in(period).count()  # merged pieces count once
    taken_up = UpwardAdoption.objects.filter(adopted_on__range=(period.start, period.end))
    instructions = taken_up.filter(level=Level.INSTRUCTION).count()
    upward = taken_up.count() - instructions
    best = [score for score in units if score.points > 0][:3]
    behind = [score for score in units if score.target is not None and not score.reached]
    return NoticeText(
        title=f"关于{period.label}政务信息报送工作情况的通报",
        salutation="各乡镇人民政府，县直各部门：",
        sections=[
            (
                "",
                f"{period.label}，全县共报送政务信息{sent}条，县级刊物采用{adopted}条，"
                f"被上级采用{upward}条，获领导批示{instructions}条。现将有关情况通报如下。",
            ),
            (
                "一、表现突出的单位",
                "、".join(f"{score.name}（{score.points}分）" for score in best) + "。"
                if best
                else "本期暂无。",
            ),
            (
                "二、未完成目标任务的单位",
                "、".join(
                    f"{score.name}（{score.points}分，目标{score.target}分）" for score in behind
                )
                + "。"
                if behind
                else "各单位均已完成目标任务。",
            ),
            (
                "三、下一步工作要求",
                "各单位要进一步提高思想认识，明确分管领导和信息员，围绕中心工作及时报送高质量信息；"
                "突发事件须在规定时限内报送专报，严禁迟报、漏报。",
            ),
        ],
        signature=editor_unit_name(),
    )


def notice_document(period: Period, units: list[Score]) -> bytes:
    """The draft 通报 as .docx; the office edits it before it is published."""
    notice = notice_text(period, units)
    document = layout.new_document()
    document.add_paragraph(_text(notice.title), style=layout.TITLE)
    layout.blank_line(document)
    document.add_paragraph(notice.salutation, style=layout.SALUTATION)
    for heading, paragraph in notice.sections:
        if heading:
            document.add_paragraph(heading, style=layout.BODY)
        document.add_paragraph(_text(paragraph), style=layout.BODY)
    layout.blank_line(document)
    document.add_paragraph(_text(notice.signature), style=layout.SIGNATURE)
    return _save(document)


def notice_html(notice: NoticeText) -> str:
    """The 通报 as the body of a portal article (every typed text escaped)."""
    parts = [f"<p>{escape(notice.salutation)}</p>"]
    for heading, paragraph in notice.sections:
        if heading:
            parts.append(f"<h3>{escape(heading)}</h3>")
        parts.append(f"<p>{escape(paragraph)}</p>")
    parts.append(f"<p>{escape(notice.signature)}</p>")
    return "".join(parts)


def upward_docx_response(period: Period) -> HttpResponse:
    return _attachment(
        upward_document(period), DOCX, f"upward-{period.start:%Y%m}-{period.kind}.docx"
    )


def upward_xlsx_response(period: Period) -> HttpResponse:
    return _attachment(
        upward_workbook(period), XLSX, f"upward-{period.start:%Y%m}-{period.kind}.xlsx"
    )


def notice_response(period: Period, units: list[Score]) -> HttpResponse:
    return _attachment(
        notice_document(period, units), DOCX, f"notice-{period.start:%Y%m}-{period.kind}.docx"
    )
