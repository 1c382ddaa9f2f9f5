"""How staff handle an error report: the engine's screens read this (cases.kinds.Handling)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds
from opencounty.cases.kinds import Handling, StaffVerb
from opencounty.interaction.error_reports import actions
from opencounty.interaction.error_reports import kind as k
from opencounty.interaction.error_reports import staff_forms as forms


def _report(case, user) -> dict:
    return {"report": case.error_report}


VERBS = {
    "accept": StaffVerb(
        _("受理"),
        forms.StaffForm,
        lambda case, user, d: actions.accept(case, user),
        form_kwargs=_report,
    ),
    "mark_fixed": StaffVerb(
        _("标记为已修正"),
        forms.MarkFixedForm,
        lambda case, user, d: actions.mark_fixed(
            case, user, revision=d["revision"], text=d["text"]
        ),
        form_kwargs=_report,
        template="interaction/error_reports/admin/_mark_fixed_form.html",
    ),
    "mark_not_an_error": StaffVerb(
        _("经核实无误"),
        forms.NotAnErrorForm,
        lambda case, user, d: actions.mark_not_an_error(case, user, explanation=d["explanation"]),
        form_kwargs=_report,
    ),
    "reply": StaffVerb(
        _("答复"),
        forms.ReplyForm,
        lambda case, user, d: actions.reply(case, user, text=d["text"]),
        form_kwargs=_report,
    ),
    "transfer": StaffVerb(
        _("转办"),
        forms.TransferForm,
        lambda case, user, d: actions.transfer(
            case, user, to_unit=d["to_unit"], reason=d["reason"]
        ),
        form_kwargs=_report,
    ),
    "close": StaffVerb(
        _("办结"),
        forms.StaffForm,
        lambda case, user, d: actions.close(case, user),
        form_kwargs=_report,
    ),
}


def register() -> None:
    kinds.register_handling(
        k.ERROR_REPORT.code,
        Handling(
            admin_path="error-reports",
            menu_label=_("网站纠错"),
            menu_icon="warning",
            menu_order=262,
            verbs=VERBS,
            related=("error_report__page",),
            title_heading=_("纠错内容"),
            detail_template="interaction/error_reports/admin/detail.html",
            detail_context=lambda case, user, today, work_calendar: {"report": case.error_report},
        ),
    )
