"""What online services add to electronic supervision (电子监察): the parallel steps of a
联办件 on their own deadlines, refusals without reasons, steps finished past their own
limit, incomplete guides, and the five-level rating scale."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opencounty.cases.models import Case
from opencounty.core import calendar
from opencounty.core.models import Unit
from opencounty.services import kinds as k
from opencounty.services.completeness import guide_report
from opencounty.services.models import Application, ApplicationStep
from opencounty.supervision import satisfaction, sources

SATISFIED_AT_LEAST = 4  # 满意 (4) and 非常满意 (5) of the five levels


def open_steps(cases: QuerySet[Case]) -> list[sources.SubItem]:
    steps = (
        ApplicationStep.objects.filter(
            application__case__in=cases.filter(kind=k.APPLICATION.code), decision=""
        )
        .select_related("unit", "application__case__unit")
        .order_by("due_on")
    )
    work_calendar = calendar.load()
    return [
        sources.SubItem(
            case=step.application.case,
            label=_("%(unit)s：%(step)s") % {"unit": step.unit.short_name, "step": step.name},
            unit=step.unit,
            state_label=_("并联办理中"),
            due_on=step.due_on,
            provisional=step.due_on is not None
            and work_calendar.touches_provisional(step.started_on, step.due_on),
        )
        for step in steps
    ]


def application_flags(cases: QuerySet[Case]) -> dict[int, list[str]]:
    flags: dict[int, list[str]] = {}
    applications = (
        Application.objects.filter(case__in=cases.filter(kind=k.APPLICATION.code))
        .select_related("case")
        .prefetch_related("steps")
    )
    for application in applications:
        case = application.case
        own = []
        if case.state == k.REJECTED and not application.rejection_reasons.strip():
            own.append(str(_("不予受理未说明理由")))
        if case.state == k.REFUSED and not application.result_reasons.strip():
            own.append(str(_("不予许可未说明理由")))
        late = [
            s
            for s in application.steps.all()
            if s.decided_at and s.due_on and s.decided_at.date() > s.due_on
        ]
        if late:
            own.append(str(_("%(count)s 个环节超出环节时限") % {"count": len(late)}))
        if own:
            flags[case.pk] = own
    return flags


def guide_check(units: list[Unit]) -> list[sources.IncompleteGuide]:
    """The units' service guides missing key elements (drafts as last saved), one report."""
    return [
        sources.IncompleteGuide(
            unit_id=item.department_id,
            title=item.title,
            missing=tuple(missing),
            url=reverse("wagtailadmin_pages:edit", args=[item.pk]),
        )
        for item, missing in guide_report(units)
        if missing
    ]


def register() -> None:
    sources.register_sub_items(open_steps)
    sources.register_flags(application_flags)
    sources.register_guide_check(guide_check)
    satisfaction.register_rating_scale(k.APPLICATION.code, satisfied_at_least=SATISFIED_AT_LEAST)
