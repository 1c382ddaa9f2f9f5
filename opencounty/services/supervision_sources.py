"""What online services add to electronic supervision (电子监察): the parallel steps of a
联办件 on their own deadlines, refusals without reasons, steps finished past their own
limit, incomplete guides, and the five-level rating scale."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opencounty.cases.models import Case
from opencounty.core import calendar
from opencounty.core.models import Unit
from opencounty.services import kinds as k
from opencounty.services.completeness import guide_report
from opencounty.services.models import Application, ApplicationStep
from opencounty.supervision import satisfaction, sources

# Case fields the board never shows (the encrypted ones would be decrypted row by row).
CASE_FIELDS_NOT_SHOWN = ("submitter_id_number", "submitter_phone", "reply", "query_code_hash")
SATISFIED_AT_LEAST = 4  # 满意 (4) and 非常满意 (5) of the five levels


def open_steps(cases: QuerySet[Case]) -> list[sources.SubItem]:
    """The undecided steps of these cases: read from the steps waiting (an index of their
    own), each asked whether its case is one of these, not the cases' list built first."""
    among = cases.filter(kind=k.APPLICATION.code, pk=OuterRef("application__case_id"))
    steps = (
        ApplicationStep.objects.filter(Exists(among), decision="")
        .select_related("unit", "application__case__unit")
        .defer(*(f"application__case__{name}" for name in CASE_FIELDS_NOT_SHOWN))
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
    """Refusals without reasons and steps decided past their own limit. Only the applications
    that may have one are read (a handful), never every application's case."""
    applications = Application.objects.filter(case__in=cases.filter(kind=k.APPLICATION.code))
    refusals = applications.filter(case__state__in=[k.REJECTED, k.REFUSED]).values_list(
        "case_id", "case__state", "rejection_reasons", "result_reasons"
    )
    # Decided on a later calendar day than its limit: decided at or after the limit's midnight
    # (UTC, the zone decided_at is compared in) narrows the rows; the date decides.
    late_steps: dict[int, int] = {}
    for case_id, decided_at, due_on in ApplicationStep.objects.filter(
        application__in=applications,
        decided_at__isnull=False,
        due_on__isnull=False,
        decided_at__gte=F("due_on"),
    ).values_list("application__case_id", "decided_at", "due_on"):
        if decided_at.date() > due_on:
            late_steps[case_id] = late_steps.get(case_id, 0) + 1
    flags: dict[int, list[str]] = {}
    for case_id, state, rejection_reasons, result_reasons in refusals:
        if state == k.REJECTED and not rejection_reasons.strip():
            flags.setdefault(case_id, []).append(str(_("不予受理未说明理由")))
        if state == k.REFUSED and not result_reasons.strip():
            flags.setdefault(case_id, []).append(str(_("不予许可未说明理由")))
    for case_id, count in late_steps.items():
        flags.setdefault(case_id, []).append(
            str(_("%(count)s 个环节超出环节时限") % {"count": count})
        )
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
