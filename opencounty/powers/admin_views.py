"""The staff screens of the list of powers (in the Wagtail admin): the unit's powers, writing a
power with its bases and flow steps, a power's page with review verbs and its versions, 立案 of
a penalty case, and the 双公示 desk. Every change goes through `actions` or `penalty_actions`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases.actions import IllegalTransition
from opencounty.cases.actions import visible_cases as visible_engine_cases
from opencounty.powers import access, actions, licence_publicity, penalty_actions
from opencounty.powers.flowchart import power_flow_chart
from opencounty.powers.forms import (
    BasisFormSet,
    PowerForm,
    ReasonForm,
    ReturnForm,
    StepFormSet,
)
from opencounty.powers.models import Category, Power, Publication
from opencounty.powers.penalty_forms import RegisterForm
from opencounty.powers.penalty_kind import AFTER_DECISION, PENALTY

PAGE_SIZE = 200


def _staff(request: HttpRequest) -> None:
    if not access.is_staff(request.user):
        raise PermissionDenied


def power_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    powers = access.visible_powers(request.user).select_related("unit")
    query = (request.GET.get("q") or "").strip()[:50]
    category = request.GET.get("category") or ""
    state = request.GET.get("state") or ""
    if query:
        powers = powers.filter(Q(name__icontains=query) | Q(code__icontains=query))
    if category in Category.values:
        powers = powers.filter(category=category)
    if state in Power.State.values:
        powers = powers.filter(state=state)
    return TemplateResponse(
        request,
        "powers/admin/list.html",
        {
            "powers": powers.order_by("unit__order", "code")[:PAGE_SIZE],
            "total": powers.count(),
            "query": query,
            "category": category,
            "state": state,
            "categories": Category.choices,
            "states": Power.State.choices,
            "may_write": bool(access.writable_units(request.user)),
        },
    )


def _rows(formset, fields: tuple[str, ...]) -> list[dict]:
    """The filled rows of a formset (an empty row is skipped)."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if any(data.get(f) not in (None, "") for f in fields):
            rows.append({f: data.get(f) for f in fields})
    return rows


def _save(request: HttpRequest, power: Power | None) -> HttpResponse:
    units = access.writable_units(request.user)
    if not units or (power is not None and not access.may_edit(request.user, power.unit)):
        raise PermissionDenied
    if power is not None and power.state not in actions.EDITABLE:
        messages.error(request, _("该权力事项正在审核中，不能修改。"))
        return redirect("powers_admin:detail", power.pk)
    post = request.POST if request.method == "POST" else None
    initial = PowerForm.initial_for(power) if power else {}
    form = PowerForm(post, units=units, initial=initial)
    bases = BasisFormSet(
        post,
        prefix="bases",
        initial=[{"law": b.law, "article": b.article, "text": b.text} for b in power.bases.all()]
        if power
        else None,
    )
    steps = StepFormSet(
        post,
        prefix="steps",
        initial=[
            {"name": s.name, "description": s.description, "days": s.days}
            for s in power.steps.all()
        ]
        if power
        else None,
    )
    if post is not None:
        if form.is_valid() and bases.is_valid() and steps.is_valid():
            data = form.cleaned_data
            try:
                saved = actions.save_power(
                    request.user,
                    unit=data["unit"],
                    data=data,
                    bases=_rows(bases, ("law", "article", "text")),
                    steps=_rows(steps, ("name", "description", "days")),
                    power=power,
                )
            except (actions.PowerRefused, PermissionDenied) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("已保存为草稿，送审通过后对外公开。"))
                return redirect("powers_admin:detail", saved.pk)
        else:
            messages.error(request, _("保存未成功，请按提示修改。"))
    return TemplateResponse(
        request,
        "powers/admin/form.html",
        {"form": form, "bases": bases, "steps": steps, "power": power},
    )


def power_new(request: HttpRequest) -> HttpResponse:
    _staff(request)
    return _save(request, None)


def _visible(request: HttpRequest, pk: int) -> Power:
    return get_object_or_404(access.visible_powers(request.user).select_related("unit"), pk=pk)


def power_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    return _save(request, _visible(request, pk))


def power_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    power = _visible(request, pk)
    user = request.user
    if request.method == "POST":
        verb = request.POST.get("verb", "")
        try:
            if verb == "submit":
                form = ReasonForm(request.POST)
                if not form.is_valid():
                    raise actions.PowerRefused(_("请填写调整理由。"))
                actions.submit_for_review(power, user, reason=form.cleaned_data["reason"])
                messages.success(request, _("已送审。"))
            elif verb == "approve":
                version = actions.approve(power, user)
                messages.success(
                    request, _("已审核通过，第 %(n)s 版已公开。") % {"n": version.number}
                )
            elif verb == "return":
                form = ReturnForm(request.POST)
                if not form.is_valid():
                    raise actions.PowerRefused(_("请填写退回理由。"))
                actions.return_for_changes(power, user, note=form.cleaned_data["note"])
                messages.success(request, _("已退回修改。"))
            else:
                raise actions.PowerRefused(_("未知的操作。"))
        except (actions.PowerRefused, PermissionDenied) as exc:
            messages.error(request, str(exc) or _("您无权执行此操作。"))
        return redirect("powers_admin:detail", power.pk)
    may_edit = access.may_edit(user, power.unit)
    return TemplateResponse(
        request,
        "powers/admin/detail.html",
        {
            "power": power,
            "bases": power.bases.all(),
            "flow_chart": power_flow_chart(
                power.name,
                [
                    {"name": s.name, "description": s.description, "days": s.days}
                    for s in power.steps.all()
                ],
            ),
            "versions": power.versions.select_related("approved_by"),
            "may_edit": may_edit and power.state in actions.EDITABLE,
            "may_submit": may_edit and power.state in (Power.State.DRAFT, Power.State.RETURNED),
            "may_review": access.may_review(user, power) and power.state == Power.State.PENDING,
            "reason_form": ReasonForm(),
            "return_form": ReturnForm(),
        },
    )


def penalty_new(request: HttpRequest) -> HttpResponse:
    """立案: the form that opens a penalty case on the engine."""
    _staff(request)
    units = access.writable_units(request.user)
    if not units:
        raise PermissionDenied
    form = RegisterForm(request.POST or None, units=units)
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                penalty = penalty_actions.register(
                    request.user,
                    unit=d["unit"],
                    power=d["power"],
                    party_kind=d["party_kind"],
                    party_name=d["party_name"],
                    id_number=d["id_number"],
                    credit_code=d["credit_code"],
                    phone=d["phone"],
                    facts=d["facts"],
                    registered_on=d["registered_on"],
                )
            except (IllegalTransition, PermissionDenied) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    _("已立案，案件编号 %(number)s。") % {"number": penalty.case.receipt_number},
                )
                return redirect(f"/admin/{PENALTY.handling.admin_path}/{penalty.case.pk}/")
        else:
            messages.error(request, _("立案未成功，请按提示修改。"))
    return TemplateResponse(request, "powers/admin/penalty_new.html", {"form": form})


def publicity(request: HttpRequest) -> HttpResponse:
    """双公示 desk: decided penalties not yet published (late ones red) and what is published."""
    _staff(request)
    today = timezone.localdate()
    if request.method == "POST" and "application" in request.POST:
        application_id = request.POST.get("application", "")
        application = get_object_or_404(
            licence_publicity.granted_unpublished(request.user),
            pk=int(application_id) if application_id.isdigit() and len(application_id) < 19 else 0,
        )
        try:
            licence_publicity.publish_licence(application, request.user, on=today)
        except (IllegalTransition, PermissionDenied) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已在双公示栏目公示。"))
        return redirect("powers_admin:publicity")
    if request.method == "POST":
        case_id = request.POST.get("case", "")
        case = get_object_or_404(
            visible_engine_cases(request.user, PENALTY.code),
            pk=int(case_id) if case_id.isdigit() and len(case_id) < 19 else 0,
        )
        try:
            penalty_actions.publish(case, request.user, on=today)
        except (IllegalTransition, PermissionDenied) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已在双公示栏目公示。"))
        return redirect("powers_admin:publicity")
    decided = (
        visible_engine_cases(request.user, PENALTY.code)
        .filter(state__in=AFTER_DECISION, publication__isnull=True)
        .select_related("penalty", "unit")
        .order_by("penalty__decided_on")
    )
    waiting = []
    for case in decided[:PAGE_SIZE]:
        due = penalty_actions.publish_due(case.penalty.decided_on)
        waiting.append({"case": case, "due": due, "late": bool(due and today > due)})
    licences = []
    for application in licence_publicity.granted_unpublished(request.user)[:PAGE_SIZE]:
        due = penalty_actions.publish_due(application.completed_on)
        licences.append({"application": application, "due": due, "late": bool(due and today > due)})
    published = Publication.objects.filter(
        Q(case__in=visible_engine_cases(request.user, PENALTY.code))
        | Q(case__in=visible_engine_cases(request.user, "application"))
    ).select_related("unit")[:PAGE_SIZE]
    return TemplateResponse(
        request,
        "powers/admin/publicity.html",
        {
            "waiting": waiting,
            "licences": licences,
            "late_count": sum(1 for w in waiting + licences if w["late"]),
            "published": published,
            "today": today,
        },
    )
