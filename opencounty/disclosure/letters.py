"""Reply letters (政府信息公开申请答复书) as Word documents, one template per outcome.

Each template gives the decision and its legal basis in 《中华人民共和国政府信息公开条例》
(2019); where the law names a different article for a sub-reason, the sub-reason
has its own template. Every letter ends with the applicant's remedies.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.text import WD_ALIGN_PARAGRAPH

from opencounty.core import calendar, export_text
from opencounty.disclosure import letter_layout as layout
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.outcomes import Outcome


@dataclass(frozen=True)
class LetterTemplate:
    decision: str | Promise  # may name the responsible body as %(body)s
    basis: str | Promise


def _basis(articles: str | Promise) -> Promise:
    return gettext_lazy("《中华人民共和国政府信息公开条例》%(articles)s") % {"articles": articles}


_NOT_DISCLOSED_ART14 = _basis(gettext_lazy("第十四条、第三十六条第三项"))

# (outcome, sub-reason) -> template; "" where the outcome has no sub-reasons.
TEMPLATES: dict[tuple[str, str], LetterTemplate] = {
    (Outcome.DISCLOSED, ""): LetterTemplate(
        gettext_lazy("您申请获取的政府信息属于公开范围，本机关决定予以公开。"),
        _basis(gettext_lazy("第三十六条第二项")),
    ),
    (Outcome.PARTLY_DISCLOSED, ""): LetterTemplate(
        gettext_lazy(
            "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。本机关向您提供"
            "可以公开的内容，对不予公开的内容说明理由如下。"
        ),
        _basis(gettext_lazy("第三十七条、第三十六条第三项")),
    ),
    (Outcome.NOT_DISCLOSED, "state_secret"): LetterTemplate(
        gettext_lazy("您申请获取的信息属于依法确定为国家秘密的政府信息，本机关决定不予公开。"),
        _NOT_DISCLOSED_ART14,
    ),
    (Outcome.NOT_DISCLOSED, "prohibited_by_law"): LetterTemplate(
        gettext_lazy("您申请获取的信息属于法律、行政法规禁止公开的政府信息，本机关决定不予公开。"),
        _NOT_DISCLOSED_ART14,
    ),
    (Outcome.NOT_DISCLOSED, "endangers_security"): LetterTemplate(
        gettext_lazy(
            "您申请获取的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，"
            "本机关决定不予公开。"
        ),
        _NOT_DISCLOSED_ART14,
    ),
    (Outcome.NOT_DISCLOSED, "third_party_rights"): LetterTemplate(
        gettext_lazy(
            "您申请获取的信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
            "本机关决定不予公开。"
        ),
        _basis(gettext_lazy("第十五条、第三十二条、第三十六条第三项")),
    ),
    (Outcome.NOT_DISCLOSED, "internal_affairs"): LetterTemplate(
        gettext_lazy(
            "您申请获取的信息属于本机关人事管理、后勤管理、内部工作流程等方面的内部事务信息，"
            "本机关决定不予公开。"
        ),
        _basis(gettext_lazy("第十六条第一款、第三十六条第三项")),
    ),
    (Outcome.NOT_DISCLOSED, "process_information"): LetterTemplate(
        gettext_lazy(
            "您申请获取的信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
            "磋商信函、请示报告等过程性信息，本机关决定不予公开。"
        ),
        _basis(gettext_lazy("第十六条第二款、第三十六条第三项")),
    ),
    (Outcome.NOT_DISCLOSED, "enforcement_files"): LetterTemplate(
        gettext_lazy("您申请获取的信息属于行政执法案卷信息，本机关决定不予公开。"),
        _basis(gettext_lazy("第十六条第二款、第三十六条第三项")),
    ),
    (Outcome.NOT_DISCLOSED, "query_matters"): LetterTemplate(
        gettext_lazy(
            "您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的行政查询事项，"
            "请依照有关法律、行政法规的规定办理。"
        ),
        _basis(gettext_lazy("第三十六条第七项")),
    ),
    (Outcome.CANNOT_PROVIDE, "not_held"): LetterTemplate(
        gettext_lazy("经检索，本机关没有制作或者获取您所申请公开的信息，该政府信息不存在。"),
        _basis(gettext_lazy("第三十六条第四项")),
    ),
    (Outcome.CANNOT_PROVIDE, "not_held_elsewhere"): LetterTemplate(
        gettext_lazy(
            "经核查，您所申请公开的信息不属于本机关负责公开。负责公开该政府信息的行政机关为"
            "%(body)s，请向该机关提出申请。"
        ),
        _basis(gettext_lazy("第三十六条第五项")),
    ),
    (Outcome.CANNOT_PROVIDE, "needs_new_processing"): LetterTemplate(
        gettext_lazy(
            "本机关没有您所申请的现成信息，需要对现有政府信息进行加工、分析方能形成，"
            "本机关不予提供。"
        ),
        _basis(gettext_lazy("第三十八条")),
    ),
    (Outcome.CANNOT_PROVIDE, "unclear_after_correction"): LetterTemplate(
        gettext_lazy("经补正后，您的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。"),
        _basis(gettext_lazy("第二十九条第二款第二项、第三十条")),
    ),
    (Outcome.NOT_HANDLED, "petition"): LetterTemplate(
        gettext_lazy(
            "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开"
            "申请处理，您可以通过信访、投诉、举报等相应渠道提出。"
        ),
        _basis(gettext_lazy("第三十九条第一款")),
    ),
    (Outcome.NOT_HANDLED, "repeat"): LetterTemplate(
        gettext_lazy(
            "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，"
            "本机关不予重复处理。"
        ),
        _basis(gettext_lazy("第三十六条第六项")),
    ),
    (Outcome.NOT_HANDLED, "publication"): LetterTemplate(
        gettext_lazy(
            "您申请提供的是政府公报、报刊、书籍等公开出版物，您可以通过公开发行渠道获取。"
        ),
        _basis(gettext_lazy("第三十九条第二款")),
    ),
    (Outcome.NOT_HANDLED, "excessive"): LetterTemplate(
        gettext_lazy(
            "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请"
            "理由不合理，不予处理。"
        ),
        _basis(gettext_lazy("第三十五条")),
    ),
    (Outcome.NOT_HANDLED, "confirmation"): LetterTemplate(
        gettext_lazy(
            "您的申请系要求本机关确认或者重新出具已获取的信息，不属于提供已制作或者获取的"
            "政府信息，本机关不予处理。"
        ),
        _basis(gettext_lazy("第二条、第三十八条")),
    ),
    (Outcome.OTHER, "correction_overdue"): LetterTemplate(
        gettext_lazy(
            "本机关已告知您对申请作出补正，您无正当理由逾期未补正，视为放弃申请，本机关"
            "不再处理该政府信息公开申请。"
        ),
        _basis(gettext_lazy("第三十条")),
    ),
    (Outcome.OTHER, "fee_overdue"): LetterTemplate(
        gettext_lazy(
            "本机关已向您发出收取信息处理费的通知，您逾期未按通知要求缴纳费用，本机关"
            "不再处理该政府信息公开申请。"
        ),
        gettext_lazy(
            "《中华人民共和国政府信息公开条例》第四十二条，《政府信息公开信息处理费管理办法》"
        ),
    ),
    (Outcome.OTHER, "other"): LetterTemplate(
        gettext_lazy("本机关对您的申请作出如下处理。"),
        _basis(gettext_lazy("第三十三条、第三十六条")),
    ),
}

REMEDIES = gettext_lazy(
    "如对本答复不服，可在收到本答复书之日起60日内依法申请行政复议，或者在6个月内依法提起行政诉讼。"
)


def template_for(outcome: str, sub_reason: str, responsible_body: str = "") -> LetterTemplate:
    """The template for an outcome; "not held" names the responsible body when one is known."""
    if sub_reason == "not_held" and responsible_body.strip():
        sub_reason = "not_held_elsewhere"
    return TEMPLATES[(outcome, sub_reason)]


def _chinese_date(day: date) -> str:
    return _("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day}


def _deadline(due: date, start: date) -> str:
    """A deadline as the letter states it, with the 暂定 note while its year is not entered."""
    text = _chinese_date(due)
    return text + str(calendar.PROVISIONAL_NOTE) if calendar.is_provisional(due, start) else text


def _paragraph(
    document, text: str, *, bold: bool = False, align=None, style: str = layout.BODY
) -> None:
    paragraph = document.add_paragraph(style=style)
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(export_text.xml_text(text))  # public text may hold control chars
    run.bold = bold


def _asked(request: DisclosureRequest) -> str:
    received = request.received_on or request.case.clock_started_on
    text = _("本机关于%(received)s收到您提交的政府信息公开申请（受理编号：%(number)s），") % {
        "received": _chinese_date(received) if received else "",
        "number": request.case.receipt_number,
    }
    text += _("申请获取“%(description)s”") % {"description": request.description}
    if request.document_number:
        text += _("（%(number)s）") % {"number": request.document_number}
    text += _("。")
    return text + _history(request)


def _history(request: DisclosureRequest) -> str:
    """The correction and fee steps the decision may rest on."""
    text = ""
    if request.correction_requested_on:
        text += _("本机关于%(on)s告知您补正申请，补正期限至%(due)s。") % {
            "on": _chinese_date(request.correction_requested_on),
            "due": _deadline(request.correction_due_on, request.correction_requested_on),
        }
    if request.correction_received_on:
        text += _("本机关于%(on)s收到您的补正材料。") % {
            "on": _chinese_date(request.correction_received_on)
        }
    if request.fee_notified_on:
        text += _("本机关于%(on)s向您发出收费通知，信息处理费%(amount)s元，缴费期限至%(due)s。") % {
            "on": _chinese_date(request.fee_notified_on),
            "amount": request.fee_yuan,
            "due": _deadline(request.fee_due_on, request.fee_notified_on),
        }
    if request.fee_paid_on:
        text += _("您已于%(on)s缴纳。") % {"on": _chinese_date(request.fee_paid_on)}
    return text


def _delivery(request: DisclosureRequest) -> str:
    return _("您所申请公开的政府信息以%(form)s形式，通过%(delivery)s方式提供给您。") % {
        "form": request.get_form_wanted_display(),
        "delivery": request.get_delivery_display(),
    }


def _contact(request: DisclosureRequest) -> list[str]:
    unit = request.case.unit
    rows = [
        (_("联系机构"), unit.disclosure_office),
        (_("地址"), unit.disclosure_address),
        (_("电话"), unit.disclosure_phone),
        (_("传真"), unit.disclosure_fax),
        (_("电子邮箱"), unit.disclosure_email),
    ]
    return [f"{label}：{value}" for label, value in rows if value]


def letter_paragraphs(
    request: DisclosureRequest,
    *,
    outcome: str,
    sub_reason: str = "",
    responsible_body: str = "",
    explanation: str = "",
) -> list[str]:
    """The body of the letter, paragraph by paragraph (also what the tests read back)."""
    template = template_for(outcome, sub_reason, responsible_body)
    paragraphs = [
        _("%(name)s：") % {"name": request.case.submitter_name},
        _asked(request),
        _("经审查，现答复如下：") + str(template.decision) % {"body": responsible_body.strip()},
    ]
    if explanation.strip():
        paragraphs += explanation.strip().splitlines()
    if outcome in (Outcome.DISCLOSED, Outcome.PARTLY_DISCLOSED):
        paragraphs.append(_delivery(request))
    paragraphs.append(_("依据：%(basis)s。") % {"basis": template.basis})
    paragraphs.append(str(REMEDIES))
    return [p for p in paragraphs if p.strip()]


def build_letter(
    request: DisclosureRequest,
    *,
    outcome: str,
    sub_reason: str = "",
    responsible_body: str = "",
    explanation: str = "",
    on: date | None = None,
    draft: bool = False,
) -> bytes:
    """The reply letter as a .docx file, on A4 in the layout of GB/T 9704-2012 (letter_layout)."""
    unit = request.case.unit
    document = layout.new_document()
    title = _("政府信息公开申请答复书")
    if draft:
        title += _("（草稿）")
    _paragraph(document, unit.name, style=layout.TITLE)
    _paragraph(document, title, style=layout.TITLE)
    _paragraph(
        document,
        _("答复书编号：%(number)s") % {"number": request.case.receipt_number},
        align=WD_ALIGN_PARAGRAPH.CENTER,
        style=layout.SALUTATION,
    )
    layout.blank_line(document)
    salutation_at = len(document.paragraphs)
    for text in letter_paragraphs(
        request,
        outcome=outcome,
        sub_reason=sub_reason,
        responsible_body=responsible_body,
        explanation=explanation,
    ):
        _paragraph(document, text)
    document.paragraphs[salutation_at].style = document.styles[layout.SALUTATION]
    layout.blank_line(document)
    _paragraph(document, unit.name, style=layout.SIGNATURE)
    _paragraph(document, _chinese_date(on or timezone.localdate()), style=layout.SIGNATURE)
    for line in _contact(request):
        _paragraph(document, line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def reply_letter(request: DisclosureRequest) -> bytes:
    """The letter for a request already answered, as it was decided."""
    return build_letter(
        request,
        outcome=request.outcome,
        sub_reason=request.sub_reason,
        responsible_body=request.responsible_body,
        explanation=request.case.reply,
        on=request.decided_on,
    )
