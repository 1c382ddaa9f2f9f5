"""How staff handle an incident report: the engine's inbox and detail screens read this."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.cases import clock, kinds
from opencounty.cases.kinds import Handling, Permission, StaffVerb
from opencounty.emergency import access, incidents
from opencounty.emergency.forms import InstructionForm, ReportForm
from opencounty.emergency.kind import INCIDENT


def _incident(case, user) -> dict:
    return {"incident": case.incident}


def _report_data(data: dict) -> dict:
    return {
        "text": data["text"],
        "measures": data["measures"],
        "deaths": data["deaths"],
        "injured": data["injured"],
        "missing": data["missing"],
    }


VERBS = {
    "first_report": StaffVerb(
        _("书面首报"),
        ReportForm,
        lambda case, user, d: incidents.first_report(case, user, **_report_data(d)),
        form_kwargs=_incident,
    ),
    "follow_up": StaffVerb(
        _("续报"),
        ReportForm,
        lambda case, user, d: incidents.follow_up(case, user, **_report_data(d)),
        form_kwargs=_incident,
    ),
    "final_report": StaffVerb(
        _("终报"),
        ReportForm,
        lambda case, user, d: incidents.final_report(case, user, **_report_data(d)),
        form_kwargs=_incident,
    ),
    "instruct": StaffVerb(
        _("登记领导批示"),
        InstructionForm,
        lambda case, user, d: incidents.instruct(case, user, leader=d["leader"], text=d["text"]),
        optional=True,
    ),
}


def _detail_context(case, user, today, work_calendar) -> dict:
    incident = case.incident
    minutes_left = clock.remaining_minutes(case, timezone.now())
    return {
        "incident": incident,
        "overdue_minutes": -minutes_left if minutes_left is not None and minutes_left < 0 else 0,
        "reports": incident.reports.prefetch_related("photos").select_related("author"),
        "instructions": incident.instructions.all(),
        "minutes_left": minutes_left,
        "is_office": access.is_office(user),
        "may_add_photos": access.may_keep(user, case.unit) and incident.reports.exists(),
    }


def register() -> None:
    kinds.register_handling(
        INCIDENT.code,
        Handling(
            admin_path="incidents",
            menu_label=_("突发事件信息"),
            menu_icon="warning",
            menu_order=271,
            verbs=VERBS,
            permissions={
                "instruct": Permission(
                    lambda user, case: access.is_office(user),
                    _("只有县值班室可以登记领导批示。"),
                ),
            },
            related=("incident",),
            title_heading=_("事件"),
            detail_template="emergency/admin/incident_detail.html",
            detail_context=_detail_context,
        ),
    )
