"""The units' inbox of error reports and the handling of one report (Wagtail admin)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import clock
from opencounty.cases.actions import IllegalTransition, can_handle, visible_cases
from opencounty.cases.models import Case
from opencounty.cases.staff_views import verb_forms
from opencounty.interaction.error_reports import actions
from opencounty.interaction.error_reports import kind as k
from opencounty.interaction.error_reports.staff_forms import STAFF_VERBS

LIST_LIMIT = 200


def visible_reports(user):
    """The unit's own reports; every report for the county office (and superusers)."""
    return visible_cases(user, k.ERROR_REPORT.code).select_related("unit", "error_report")


def report_list(request: HttpRequest) -> TemplateResponse:
    today = timezone.localdate()
    cases = visible_reports(request.user)
    state = request.GET.get("state", "")
    if state in k.ERROR_REPORT.states:
        cases = cases.filter(state=state)
    rows = [
        (case, clock.warning_level(case, today))
        for case in cases.order_by("due_on", "-submitted_at")[:LIST_LIMIT]
    ]
    return TemplateResponse(
        request,
        "interaction/error_reports/admin/list.html",
        {"rows": rows, "states": k.ERROR_REPORT.states, "state": state},
    )


def _perform(verb: str, case: Case, user, data: dict) -> Case:
    if verb == "accept":
        return actions.accept(case, user)
    if verb == "transfer":
        return actions.transfer(case, user, to_unit=data["to_unit"], reason=data["reason"])
    if verb == "mark_fixed":
        return actions.mark_fixed(case, user, revision=data["revision"], text=data["text"])
    if verb == "mark_not_an_error":
        return actions.mark_not_an_error(case, user, explanation=data["explanation"])
    if verb == "reply":
        return actions.reply(case, user, text=data["text"])
    if verb == "close":
        return actions.close(case, user)
    raise IllegalTransition(_("未知的操作。"))


def _handled_case(request: HttpRequest, case_id: int) -> Case:
    case = get_object_or_404(
        Case.objects.select_related("unit", "error_report__page"),
        pk=case_id,
        kind=k.ERROR_REPORT.code,
    )
    if not can_handle(request.user, case):
        raise PermissionDenied
    return case


def report_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _handled_case(request, case_id)
    report = case.error_report
    forms, done = verb_forms(
        request, case, STAFF_VERBS, _perform, form_kwargs=lambda verb: {"report": report}
    )
    if done:
        return redirect("error_reports_admin:detail", case_id=case.pk)
    return TemplateResponse(
        request,
        "interaction/error_reports/admin/detail.html",
        {
            "case": case,
            "report": report,
            "forms": forms,
            "timeline": case.timeline.select_related("actor"),
            "warning": clock.warning_level(case, timezone.localdate()),
        },
    )
