"""An incident as 信息专报 (.docx): the red masthead, number and issuing office of the
bulletins that information submissions export (opencounty.submissions.exports), then the
incident's facts, every report in order and the leaders' instructions."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils import timezone

from opencounty.cases.models import Case
from opencounty.core import export_text
from opencounty.disclosure import letter_layout as layout
from opencounty.submissions.exports import DOCX, MASTHEAD_PT, editor_unit_name


def _text(value: str) -> str:
    return export_text.xml_text(value or "")


def _moment(value) -> str:
    local = timezone.localtime(value)
    return f"{local.year}年{local.month}月{local.day}日{local:%H:%M}"


def bulletin_document(case: Case) -> bytes:
    incident = case.incident
    document = layout.new_document()
    layout.centred(document, "信息专报", size=MASTHEAD_PT, red=True)
    layout.centred(document, f"〔{case.receipt_number}〕")
    header = document.add_paragraph(style=layout.SALUTATION)
    header.add_run(_text(editor_unit_name()))
    header.add_run("　　")
    header.add_run(_moment(timezone.now()))
    layout.rule(header, colour="E60012", size_eighths=12)
    layout.blank_line(document)
    document.add_paragraph(_text(case.title), style=layout.TITLE)
    layout.blank_line(document)
    facts = [
        f"报送单位：{case.unit.name}",
        f"事件类型：{incident.get_incident_type_display()}",
        f"事件级别：{incident.get_level_display()}",
        f"发生时间：{_moment(incident.occurred_at)}",
        f"发生地点：{incident.place}",
        f"伤亡情况：死亡{incident.deaths}人，受伤{incident.injured}人，失踪{incident.missing}人",
    ]
    if incident.phoned_at:
        facts.append(f"电话报告时间：{_moment(incident.phoned_at)}")
    for line in facts:
        document.add_paragraph(_text(line), style=layout.BODY)
    for report in incident.reports.all():
        heading = f"{report.get_stage_display()}（{_moment(report.reported_at)}）"
        if report.late_minutes:
            heading += f"，迟报{report.late_minutes}分钟"
        document.add_paragraph(_text(heading), style=layout.BODY).runs[0].bold = True
        for line in _text(report.text).split("\n"):
            if line.strip():
                document.add_paragraph(line.strip(), style=layout.BODY)
        if report.measures.strip():
            document.add_paragraph(
                _text("已采取措施：" + report.measures.strip()), style=layout.BODY
            )
    instructions = list(incident.instructions.all())
    if instructions:
        document.add_paragraph("领导批示", style=layout.BODY).runs[0].bold = True
        for instruction in instructions:
            document.add_paragraph(
                _text(
                    f"{instruction.leader}（{_moment(instruction.given_at)}）：{instruction.text}"
                ),
                style=layout.BODY,
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bulletin_response(case: Case) -> HttpResponse:
    response = HttpResponse(bulletin_document(case), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="incident-{case.receipt_number}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response
