"""Staff screens (办件受理): the inbox per unit and window, one application's handling with a
form per legal verb, the parallel steps of a 联办件, and the rectifications of bad reviews."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import clock
from opencounty.cases.actions import IllegalTransition, can_handle
from opencounty.cases.models import Case
from opencounty.core import audit, calendar
from opencounty.core.access import sees_every_unit
from opencounty.core.calendar import CalendarNotCovered
from opencounty.core.models import UnitGroup
from opencounty.services import actions
from opencounty.services import kinds as k
from opencounty.services.models import ApplicationMaterial, ApplicationStep, ItemKind
from opencounty.services.staff_forms import APPLICATION_VERBS, RECTIFICATION_VERBS, STEP_VERBS

REFUSALS = (IllegalTransition, PermissionDenied, CalendarNotCovered)


def visible_applications(user):
    cases = Case.objects.filter(kind=k.APPLICATION.code).select_related("unit", "application__item")
    if sees_every_unit(user):
        return cases
    units = UnitGroup.objects.filter(group__user=user).values("unit")
    return cases.filter(
        Q(unit__in=units)
        | Q(application__item__window__staff=user)
        | Q(application__steps__unit__in=units)
    ).distinct()


def can_view(user, case: Case) -> bool:
    return visible_applications(user).filter(pk=case.pk).exists()


def step_warning_level(item_step: ApplicationStep, today: date) -> str | None:
    """A step's own colour: red when overdue, yellow within the warning window."""
    if item_step.decision or item_step.due_on is None:
        return None
    remaining = calendar.working_days_between(today, item_step.due_on)
    if remaining < 0:
        return "red"
    return "yellow" if remaining <= settings.CASE_WARNING_DAYS else None


def _safe(level_of, thing, today: date) -> str | None:
    try:
        return level_of(thing, today)
    except CalendarNotCovered:
        return None


def inbox(request: HttpRequest) -> TemplateResponse:
    today = timezone.localdate()
    cases = visible_applications(request.user)
    state = request.GET.get("state", "")
    if state in k.APPLICATION.states:
        cases = cases.filter(state=state)
    rows = []
    for case in cases.order_by("closed_at", "due_on", "-submitted_at")[:300]:
        steps = [
            (s, _safe(step_warning_level, s, today))
            for s in case.application.steps.select_related("unit")
        ]
        rows.append((case, _safe(clock.warning_level, case, today), steps))
    return TemplateResponse(
        request,
        "services/admin/inbox.html",
        {"rows": rows, "states": k.APPLICATION.states, "state": state},
    )


def _perform(verb: str, case: Case, user, data: dict) -> Case:
    if verb == "accept":
        return actions.accept(
            case,
            user,
            complete_at_once=data["complete_at_once"],
            document_number=data["document_number"],
        )
    if verb == "notify_missing":
        return actions.notify_missing(case, user, missing=data["missing"])
    if verb == "reject":
        return actions.reject(case, user, reasons=data["reasons"])
    if verb == "report":
        return actions.report(case, user, to=data["to"])
    if verb == "approve":
        return actions.approve(case, user, document_number=data["document_number"])
    if verb == "refuse":
        return actions.refuse(case, user, reasons=data["reasons"])
    raise IllegalTransition(_("未知的操作。"))


def _offered(verb: str, case: Case) -> bool:
    application = case.application
    item_kind = application.item.item_kind
    if not case.case_kind.allows(verb, case.state):
        return False
    if verb == "notify_missing":
        return application.notice_given_at is None
    if verb == "report":
        return item_kind == ItemKind.REPORTED
    if verb in ("approve", "refuse"):
        return item_kind != ItemKind.JOINT and not (
            item_kind == ItemKind.REPORTED and case.state == k.ACCEPTED
        )
    return True


def _verb_forms(case: Case, user, bound: str | None, post) -> list:
    if not actions.is_window_staff(user, case.application.item):
        return []
    forms = []
    for verb, (label, form_class) in APPLICATION_VERBS.items():
        if _offered(verb, case):
            form = form_class(post, prefix=verb) if verb == bound else form_class(prefix=verb)
            forms.append((verb, label, form))
    return forms


def _step_forms(case: Case, user, bound: str | None, post, today: date) -> list:
    """Each step with its colour and, for its own department's staff, its forms."""
    rows = []
    for item_step in case.application.steps.select_related("unit", "decided_by"):
        forms = []
        if not item_step.decision and case.state == k.ACCEPTED:
            if actions.is_step_staff(user, item_step.unit):
                for verb, (label, form_class) in STEP_VERBS.items():
                    key = f"{verb}-{item_step.pk}"
                    form = form_class(post, prefix=key) if key == bound else form_class(prefix=key)
                    forms.append((key, f"{label}（{item_step.name}）", form))
        rows.append((item_step, _safe(step_warning_level, item_step, today), forms))
    return rows


def _perform_step(key: str, user, data: dict) -> Case:
    verb, step_id = key.rsplit("-", 1)
    item_step = ApplicationStep.objects.get(pk=int(step_id))
    if verb == "approve_step":
        return actions.approve_step(item_step, user, document_number=data["document_number"])
    return actions.refuse_step(item_step, user, reasons=data["reasons"])


def _run(request, label: str, perform, *args) -> bool:
    try:
        perform(*args)
    except REFUSALS as exc:
        messages.error(request, str(exc) or _("您无权执行此操作。"))
        return False
    messages.success(request, _("已完成：%(action)s") % {"action": label})
    return True


def application_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.select_related("unit", "application__item"),
        pk=case_id,
        kind=k.APPLICATION.code,
    )
    if not can_view(request.user, case):
        raise PermissionDenied
    today = timezone.localdate()
    bound = request.POST.get("verb") if request.method == "POST" else None
    post = request.POST if bound else None
    forms = _verb_forms(case, request.user, bound, post)
    steps = _step_forms(case, request.user, bound, post, today)
    for verb, label, form in forms + [f for _s, _w, fs in steps for f in fs]:
        if verb == bound and form.is_valid():
            if verb in APPLICATION_VERBS:
                done = _run(request, label, _perform, verb, case, request.user, form.cleaned_data)
            else:
                done = _run(request, label, _perform_step, verb, request.user, form.cleaned_data)
            if done:
                return redirect("services_admin:detail", case_id=case.pk)
    return TemplateResponse(
        request,
        "services/admin/detail.html",
        {
            "case": case,
            "application": case.application,
            "forms": forms,
            "steps": steps,
            "timeline": case.timeline.select_related("actor"),
            "warning": _safe(clock.warning_level, case, today),
        },
    )


def material(request: HttpRequest, material_id: int) -> FileResponse:
    """A material, for the staff who may see its application (never by a public URL)."""
    stored = get_object_or_404(
        ApplicationMaterial.objects.select_related("application__case"), pk=material_id
    )
    case = stored.application.case
    if not can_view(request.user, case):
        raise PermissionDenied
    audit.record(
        "application.material_read", actor=request.user, obj=case, details={"file": stored.name}
    )
    response = FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.original_name
    )
    response["Cache-Control"] = "private, no-store"
    return response


def visible_rectifications(user):
    cases = Case.objects.filter(kind=k.RECTIFICATION.code).select_related("unit")
    if sees_every_unit(user):
        return cases
    return cases.filter(unit__in=UnitGroup.objects.filter(group__user=user).values("unit"))


def rectification_inbox(request: HttpRequest) -> TemplateResponse:
    today = timezone.localdate()
    rows = [
        (case, _safe(clock.warning_level, case, today))
        for case in visible_rectifications(request.user).order_by(
            "closed_at", "due_on", "-submitted_at"
        )[:300]
    ]
    return TemplateResponse(request, "services/admin/rectifications.html", {"rows": rows})


def _perform_rectification(verb: str, case: Case, user, data: dict) -> Case:
    if verb == "record_outcome":
        return actions.record_outcome(case, user, outcome=data["outcome"])
    return actions.feed_back(case, user)


def rectification_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.select_related("unit", "rectification__application__case"),
        pk=case_id,
        kind=k.RECTIFICATION.code,
    )
    if not can_handle(request.user, case):
        raise PermissionDenied
    bound = request.POST.get("verb") if request.method == "POST" else None
    forms = []
    for verb, (label, form_class) in RECTIFICATION_VERBS.items():
        if not case.case_kind.allows(verb, case.state):
            continue
        form = form_class(request.POST, prefix=verb) if verb == bound else form_class(prefix=verb)
        forms.append((verb, label, form))
        if verb == bound and form.is_valid():
            args = (verb, case, request.user, form.cleaned_data)
            if _run(request, label, _perform_rectification, *args):
                return redirect("services_admin:rectification", case_id=case.pk)
    return TemplateResponse(
        request,
        "services/admin/rectification.html",
        {
            "case": case,
            "rectification": case.rectification,
            "application": case.rectification.application,
            "forms": forms,
            "timeline": case.timeline.select_related("actor"),
            "warning": _safe(clock.warning_level, case, timezone.localdate()),
        },
    )
