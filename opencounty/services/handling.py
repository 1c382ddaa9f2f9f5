"""How staff handle online applications and the rectifications of bad reviews: the engine's
screens read this (cases.kinds.Handling)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opencounty.cases import clock, kinds
from opencounty.cases.kinds import Handling, Permission, StaffVerb
from opencounty.cases.models import Case
from opencounty.core.access import role_unit_ids, sees_every_unit, staff_units
from opencounty.services import actions
from opencounty.services import kinds as k
from opencounty.services import staff_forms as forms
from opencounty.services.models import ApplicationStep, ItemKind

WINDOW = Permission(
    lambda user, case: actions.is_window_staff(user, case.application.item),
    _("只有该事项的受理窗口或实施部门工作人员可以办理。"),
    actions.window_staff_condition,
)
WINDOW_VERBS = ("accept", "notify_missing", "reject", "report", "approve", "refuse")
STEP_DEPARTMENTS = Permission(
    lambda user, case: bool(actions.decidable_steps(case, user)),
    _("只有联办部门的工作人员可以办理本环节。"),
    actions.decidable_steps_condition,
)


def visible_applications(user):
    """The item's department, the staff of its window, and every department with a step
    (the county office sees all)."""
    cases = Case.objects.filter(kind=k.APPLICATION.code)
    if sees_every_unit(user):
        return cases
    units = staff_units(user)
    return cases.filter(
        Q(unit__in=units)
        | Q(application__item__window__staff=user)
        | Q(application__steps__unit__in=units)
    ).distinct()


def step_warning_level(item_step, today, work_calendar=None) -> str | None:
    """A joint step's own colour by the one rule; none once the department decided."""
    if item_step.decision:
        return None
    return clock.deadline_level(
        item_step.due_on, today, k.APPLICATION.warning_window, work_calendar
    )


def waiting_applications(user):
    """In 我的待办: the item's department and window staff, and the departments with a step
    (no join that repeats a case, so that it counts without DISTINCT; the cases of undecided
    steps listed once, from the steps' own index)."""
    undecided = ApplicationStep.objects.filter(decision="", unit_id__in=role_unit_ids(user))
    return Case.objects.filter(kind=k.APPLICATION.code).filter(
        Q(unit_id__in=role_unit_ids(user))
        | Q(application__item__window_id__in=actions.window_ids(user))
        | Q(pk__in=undecided.values("application__case_id"))
    )


def _item_kind(case) -> str:
    return case.application.item.item_kind


def _decides_directly(case, user) -> bool:
    """A 联办件 is decided by its departments' steps; a 上报件 waits for the higher level."""
    kind = _item_kind(case)
    return kind != ItemKind.JOINT and not (kind == ItemKind.REPORTED and case.state == k.ACCEPTED)


def _decides_directly_condition(user, today) -> Q:
    return ~Q(application__item__item_kind=ItemKind.JOINT) & ~Q(
        application__item__item_kind=ItemKind.REPORTED, state=k.ACCEPTED
    )


def _step_targets(case, user) -> list:
    return [(str(s.pk), s.name, s) for s in actions.decidable_steps(case, user)]


def _application_context(case, user, today, work_calendar) -> dict:
    return {
        "application": case.application,
        "steps": list(case.application.steps.select_related("unit", "decided_by")),
    }


APPLICATION_VERBS = {
    "accept": StaffVerb(
        _("受理"),
        forms.AcceptForm,
        lambda case, user, d: actions.accept(
            case,
            user,
            complete_at_once=d["complete_at_once"],
            document_number=d["document_number"],
        ),
    ),
    "notify_missing": StaffVerb(
        _("一次性告知补正"),
        forms.NoticeForm,
        lambda case, user, d: actions.notify_missing(case, user, missing=d["missing"]),
        shown=lambda case, user: case.application.notice_given_at is None,
        where=lambda user, today: Q(application__notice_given_at__isnull=True),
    ),
    "reject": StaffVerb(
        _("不予受理"),
        forms.ReasonsForm,
        lambda case, user, d: actions.reject(case, user, reasons=d["reasons"]),
    ),
    "report": StaffVerb(
        _("上报上级机关"),
        forms.ReportForm,
        lambda case, user, d: actions.report(case, user, to=d["to"]),
        shown=lambda case, user: _item_kind(case) == ItemKind.REPORTED,
        where=lambda user, today: Q(application__item__item_kind=ItemKind.REPORTED),
    ),
    "approve": StaffVerb(
        _("办结：准予"),
        forms.ApproveForm,
        lambda case, user, d: actions.approve(case, user, document_number=d["document_number"]),
        shown=_decides_directly,
        where=_decides_directly_condition,
    ),
    "refuse": StaffVerb(
        _("办结：不予"),
        forms.ReasonsForm,
        lambda case, user, d: actions.refuse(case, user, reasons=d["reasons"]),
        shown=_decides_directly,
        where=_decides_directly_condition,
    ),
    "approve_step": StaffVerb(
        _("同意"),
        forms.ApproveForm,
        lambda case, user, d: actions.approve_step(
            d["target"], user, document_number=d["document_number"]
        ),
        targets=_step_targets,
        where=lambda user, today: actions.decidable_steps_condition(user),
    ),
    "refuse_step": StaffVerb(
        _("不同意"),
        forms.ReasonsForm,
        lambda case, user, d: actions.refuse_step(d["target"], user, reasons=d["reasons"]),
        targets=_step_targets,
        where=lambda user, today: actions.decidable_steps_condition(user),
    ),
}

RECTIFICATION_VERBS = {
    "record_outcome": StaffVerb(
        _("记录整改情况"),
        forms.OutcomeForm,
        lambda case, user, d: actions.record_outcome(case, user, outcome=d["outcome"]),
    ),
    "feed_back": StaffVerb(
        _("反馈申请人"), forms.ConfirmForm, lambda case, user, d: actions.feed_back(case, user)
    ),
}


def register() -> None:
    kinds.register_handling(
        k.APPLICATION.code,
        Handling(
            admin_path="applications",
            menu_label=_("办件受理"),
            menu_icon="tasks",
            menu_order=270,
            menu_also_for=lambda user: bool(actions.window_ids(user)),
            verbs=APPLICATION_VERBS,
            permissions={
                **dict.fromkeys(WINDOW_VERBS, WINDOW),
                "approve_step": STEP_DEPARTMENTS,
                "refuse_step": STEP_DEPARTMENTS,
            },
            visible=visible_applications,
            waiting=waiting_applications,
            related=("application__item__window",),
            prefetch=("application__steps__unit",),
            title_heading=_("事项"),
            detail_template="services/admin/detail.html",
            detail_context=_application_context,
            list_columns=(
                (_("办件类型"), "services/admin/_item_kind_cell.html"),
                (_("受理窗口"), "services/admin/_window_cell.html"),
                (_("联办环节"), "services/admin/_steps_cell.html"),
            ),
        ),
    )
    kinds.register_handling(
        k.RECTIFICATION.code,
        Handling(
            admin_path="rectifications",
            menu_label=_("差评整改"),
            menu_icon="warning",
            menu_order=271,
            verbs=RECTIFICATION_VERBS,
            related=("rectification__application__case",),
            detail_template="services/admin/rectification.html",
            detail_context=lambda case, user, today, work_calendar: {
                "rectification": case.rectification,
                "application": case.rectification.application,
            },
        ),
    )
