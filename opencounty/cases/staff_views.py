"""The staff screens every kind of case shares: one inbox and one detail screen, driven by
the kind's handling (its verbs with label, form and action; who may act; who may see).

A domain adds only its own part of the detail screen (a template) and its own columns."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import actions, clock, kinds
from opencounty.cases.actions import IllegalTransition
from opencounty.cases.models import Case
from opencounty.core import calendar

PAGE_ROWS = 100  # cases of an inbox a page
REFUSALS = (IllegalTransition, PermissionDenied, calendar.CalendarNotCovered)


def inbox_url(kind_code: str) -> str:
    return reverse(f"cases_admin:{kind_code}_inbox")


def detail_url(case: Case) -> str:
    return reverse(f"cases_admin:{case.kind}_detail", args=[case.pk])


def _handled_kind(code: str) -> kinds.CaseKind:
    kind = kinds.get(code)
    if kind.handling is None:
        raise Http404
    return kind


def page_number(request: HttpRequest) -> int:
    """The list page asked for: anything but a positive number is the first page (a number past
    the end is the paginator's to turn into the last)."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _ordered(cases):
    """Cases still owed an answer first, the most urgent on top; then answered, then closed."""
    return cases.order_by(
        F("closed_at").asc(nulls_first=True),
        F("replied_at").asc(nulls_first=True),
        F("due_on").asc(nulls_last=True),
        "-submitted_at",
    )


def inbox(request: HttpRequest, kind: str) -> TemplateResponse:
    case_kind = _handled_kind(kind)
    handling = case_kind.handling
    today = timezone.localdate()
    visible = actions.visible_cases(request.user, case_kind.code)
    # The list shows no identity or phone number: do not decrypt two fields on every row.
    cases = (
        visible.select_related("unit", *handling.related)
        .prefetch_related(*handling.prefetch)
        .defer("submitter_id_number", "submitter_phone")
    )
    state = request.GET.get("state", "")
    if state in case_kind.states:
        cases = cases.filter(state=state)
    filters = []
    for name, (label, apply, shown_to) in handling.list_filters.items():
        if not shown_to(request.user):
            continue
        active = request.GET.get(name) == "1"
        if active:
            cases = apply(cases, request.user)
        filters.append((name, label, active))
    work_calendar = calendar.load()
    page = Paginator(_ordered(cases), PAGE_ROWS).get_page(page_number(request))
    rows = [(case, clock.warning_level(case, today, work_calendar)) for case in page]
    query = request.GET.copy()
    query.pop("page", None)
    notice = handling.list_notice(request.user, visible, today) if handling.list_notice else None
    return TemplateResponse(
        request,
        "cases/admin/inbox.html",
        {
            "kind": case_kind,
            "handling": handling,
            "rows": rows,
            "states": case_kind.states,
            "state": state,
            "filters": filters,
            "notice": notice,
            "page": page,
            "query": query.urlencode(),
            "today": today,
            "work_calendar": work_calendar,
        },
    )


@dataclass
class VerbForm:
    key: str  # the posted "verb" value: the verb, or verb-<target> for a verb on a part
    verb: str
    label: str
    form: Form
    template: str = ""
    target: object = None


def _offered(request: HttpRequest, case: Case) -> list[VerbForm]:
    """A form for each verb that is legal now, that the user may do, and that the kind offers."""
    handling = case.case_kind.handling
    bound_key = request.POST.get("verb") if request.method == "POST" else None
    offered = []
    for verb, staff_verb in handling.verbs.items():
        if not case.case_kind.allows(verb, case.state):
            continue
        if not actions.may_act(request.user, case, verb):
            continue
        if staff_verb.shown is not None and not staff_verb.shown(case, request.user):
            continue
        kwargs = staff_verb.form_kwargs(case, request.user) if staff_verb.form_kwargs else {}
        targets = staff_verb.targets(case, request.user) if staff_verb.targets else [("", "", None)]
        for suffix, name, target in targets:
            key = f"{verb}-{suffix}" if suffix else verb
            data = request.POST if key == bound_key else None
            offered.append(
                VerbForm(
                    key=key,
                    verb=verb,
                    label=f"{staff_verb.label}（{name}）" if name else str(staff_verb.label),
                    form=staff_verb.form(data, prefix=key, **kwargs),
                    template=staff_verb.template,
                    target=target,
                )
            )
    return offered


def _perform_posted(request: HttpRequest, case: Case, offered: list[VerbForm]) -> bool:
    """Perform the posted verb through the domain's action; refusals are shown in Chinese."""
    key = request.POST.get("verb", "")
    chosen = next((f for f in offered if f.key == key), None)
    if chosen is None:
        verb = key.split("-", 1)[0]
        if verb in case.case_kind.transitions and not actions.may_act(request.user, case, verb):
            messages.error(request, actions.refusal(case, verb))
        else:
            messages.error(request, _("当前状态下不能执行此操作。"))
        return False
    if not chosen.form.is_valid():
        return False
    data = dict(chosen.form.cleaned_data)
    if chosen.target is not None:
        data["target"] = chosen.target
    staff_verb = case.case_kind.handling.verbs[chosen.verb]
    try:
        staff_verb.perform(case, request.user, data)
    except REFUSALS as exc:
        messages.error(request, str(exc) or _("您无权执行此操作。"))
        return False
    messages.success(request, _("已完成：%(action)s") % {"action": chosen.label})
    return True


def detail(request: HttpRequest, kind: str, case_id: int) -> HttpResponse:
    case_kind = _handled_kind(kind)
    handling = case_kind.handling
    case = get_object_or_404(
        Case.objects.select_related("unit", *handling.related), pk=case_id, kind=case_kind.code
    )
    if not actions.visible_cases(request.user, case_kind.code).filter(pk=case.pk).exists():
        raise PermissionDenied
    offered = _offered(request, case)
    if request.method == "POST" and _perform_posted(request, case, offered):
        return redirect(detail_url(case))
    today = timezone.localdate()
    work_calendar = calendar.load()
    context = {
        "case": case,
        "kind": case_kind,
        "handling": handling,
        "forms": offered,
        "timeline": case.timeline.select_related("actor"),
        "warning": clock.warning_level(case, today, work_calendar),
        "today": today,
        "work_calendar": work_calendar,
    }
    if handling.detail_context is not None:
        context |= handling.detail_context(case, request.user, today, work_calendar)
    return TemplateResponse(request, "cases/admin/detail.html", context)
