"""The document as a .docx in the national format (GB/T 9704-2012), on the page and styles of
`disclosure.letter_layout` (A4, type area 156 × 225 mm, 22 lines × 28 characters, 3号仿宋 body,
2号小标宋 title, page numbers).

From the top: 份号/密级/紧急程度 (only what applies: 密级 is always 无 here, so never printed),
the issuing-body mark (发文机关标志) in red, the 文号 line (with 签发人 for upward documents),
a red rule, the title, 主送机关, body, attachment notes (附件), 发文机关署名 and 成文日期 with the
印章 left to the office, then the 抄送 and 印发 block between black rules.
"""

from __future__ import annotations

import io
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from opencounty.core import export_text
from opencounty.disclosure import letter_layout as layout
from opencounty.officedocs.models import OfficialDocument

RED = layout.MASTHEAD_RED
MASTHEAD_PT = 36  # 发文机关标志: larger than the title, here 小初 (36 pt)
MASTHEAD_FONT = layout.TITLE_FONT


def _paragraph(document, text: str, *, style: str = layout.BODY, align=None):
    paragraph = document.add_paragraph(style=style)
    if align is not None:
        paragraph.alignment = align
    paragraph.add_run(export_text.xml_text(text))
    return paragraph


def _chinese_date(day: date) -> str:
    return _("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day}


def render(document: OfficialDocument) -> bytes:
    out = layout.new_document()
    urgency = document.get_urgency_display() if document.urgency != "normal" else ""
    if urgency:
        _paragraph(out, urgency, style=layout.SALUTATION)
    masthead = out.add_paragraph(style=layout.TITLE)
    run = masthead.add_run(export_text.xml_text(document.sender.name + _("文件")))
    run.font.color.rgb = RED
    run.font.size = Pt(MASTHEAD_PT)
    layout.blank_line(out)
    number = document.number or _("（发文字号在签发时编排）")
    if document.signer:
        line = _paragraph(
            out, f"{number}\u3000\u3000{_('签发人')}：{document.signer}", style=layout.SALUTATION
        )
    else:
        line = _paragraph(out, number, style=layout.SALUTATION, align=WD_ALIGN_PARAGRAPH.CENTER)
    line.paragraph_format.keep_with_next = True
    layout.rule(line, colour="E60012", size_eighths=12)
    layout.blank_line(out)
    _paragraph(out, document.title, style=layout.TITLE)
    layout.blank_line(out)
    if document.main_recipients:
        _paragraph(out, f"{document.main_recipients}：", style=layout.SALUTATION)
    for text in document.body.splitlines():
        if text.strip():
            _paragraph(out, text.strip())
    attachments = list(document.attachments.all())
    if attachments:
        layout.blank_line(out)
        for n, attachment in enumerate(attachments, start=1):
            label = _("附件：") if n == 1 else "\u3000\u3000\u3000"
            name = attachment.name.rsplit(".", 1)[0]
            prefix = f"{n}．" if len(attachments) > 1 else ""
            _paragraph(out, f"{label}{prefix}{name}")
    layout.blank_line(out)
    layout.blank_line(out)
    day = timezone.localdate(document.sent_at) if document.sent_at else None
    _paragraph(out, document.sender.name, style=layout.SIGNATURE)
    _paragraph(out, _chinese_date(day) if day else _("（成文日期）"), style=layout.SIGNATURE)
    layout.blank_line(out)
    if document.copied_to:
        copied = _paragraph(
            out, _("抄送：%(bodies)s。") % {"bodies": document.copied_to}, style=layout.SALUTATION
        )
        layout.rule(copied, colour="000000", size_eighths=4, where="top")
    printed = _paragraph(
        out,
        _("%(unit)s\u3000\u3000%(day)s印发")
        % {"unit": document.sender.name, "day": _chinese_date(day) if day else ""},
        style=layout.SALUTATION,
    )
    layout.rule(printed, colour="000000", size_eighths=4, where="top")
    layout.rule(printed, colour="000000", size_eighths=8, where="bottom")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
