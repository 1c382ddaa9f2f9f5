"""How staff handle a disclosure request: the engine's screens read this (cases.kinds.Handling)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds
from opencounty.cases.kinds import Handling, StaffVerb
from opencounty.disclosure import actions
from opencounty.disclosure import kind as k
from opencounty.disclosure import staff_forms as forms
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.outcomes import Outcome, sub_reason_label


def delivery_gaps(request: DisclosureRequest) -> list[str]:
    """What the staff lack to deliver the information the way the applicant chose."""
    Delivery = DisclosureRequest.Delivery
    gaps = []
    if request.delivery == Delivery.POST:
        if not request.postal_address.strip():
            gaps.append(_("申请人选择邮寄，但未填写通信地址，请电话联系申请人补充。"))
        if not request.postcode.strip():
            gaps.append(_("申请人未填写邮政编码。"))
    if request.delivery == Delivery.EMAIL and not request.case.submitter_email:
        gaps.append(_("申请人选择电子邮件，但未填写电子邮箱，请电话联系申请人补充。"))
    return [str(gap) for gap in gaps]


def _detail_context(case, user, today, work_calendar) -> dict:
    disclosure = case.disclosure
    return {
        "request_obj": disclosure,
        "outcome_label": Outcome(disclosure.outcome).label if disclosure.outcome else "",
        "sub_reason_label": sub_reason_label(disclosure.outcome, disclosure.sub_reason),
        "delivery_gaps": delivery_gaps(disclosure),
    }


VERBS = {
    "receive": StaffVerb(
        _("登记受理"),
        forms.DateForm,
        lambda case, user, d: actions.register(case, user, on=d["on"]),
    ),
    "request_correction": StaffVerb(
        _("告知补正"),
        forms.CorrectionForm,
        lambda case, user, d: actions.request_correction(
            case, user, on=d["on"], note=d["note"], days=d["days"]
        ),
    ),
    "receive_correction": StaffVerb(
        _("收到补正"),
        forms.DateForm,
        lambda case, user, d: actions.receive_correction(case, user, on=d["on"]),
    ),
    "withdraw": StaffVerb(
        _("逾期未补正，视为撤回"),
        forms.DateForm,
        lambda case, user, d: actions.withdraw_without_correction(case, user, on=d["on"]),
    ),
    "pause": StaffVerb(
        _("征求第三方意见"),
        forms.ThirdPartyForm,
        lambda case, user, d: actions.consult_third_party(
            case, user, on=d["on"], third_party=d["third_party"]
        ),
    ),
    "resume": StaffVerb(
        _("第三方已答复"),
        forms.DateForm,
        lambda case, user, d: actions.third_party_answered(case, user, on=d["on"]),
    ),
    "extend": StaffVerb(
        _("延长答复期限"),
        forms.ExtendForm,
        lambda case, user, d: actions.extend(case, user, days=d["days"], reason=d["reason"]),
    ),
    "notify_fee": StaffVerb(
        _("发出收费通知"),
        forms.FeeNoticeForm,
        lambda case, user, d: actions.notify_fee(
            case, user, on=d["on"], method=d["method"], pages=d["pages"]
        ),
    ),
    "record_payment": StaffVerb(
        _("确认已缴费"),
        forms.DateForm,
        lambda case, user, d: actions.record_payment(case, user, on=d["on"]),
    ),
    "reply": StaffVerb(
        _("答复"),
        forms.ReplyForm,
        lambda case, user, d: actions.reply(
            case,
            user,
            outcome=d["outcome"],
            sub_reason=d["sub_reason"],
            text=d["text"],
            responsible_body=d["responsible_body"],
            on=d.get("on"),
        ),
        template="disclosure/admin/_reply_form.html",
    ),
    "close": StaffVerb(
        _("办结"), forms.ConfirmForm, lambda case, user, d: actions.close(case, user)
    ),
}


def register() -> None:
    kinds.register_handling(
        k.DISCLOSURE_REQUEST.code,
        Handling(
            admin_path="disclosure-requests",
            menu_label=_("依申请公开"),
            menu_icon="mail",
            menu_order=250,
            verbs=VERBS,
            related=("disclosure",),
            title_heading=_("申请内容"),
            detail_template="disclosure/admin/request_detail.html",
            detail_context=_detail_context,
        ),
    )
