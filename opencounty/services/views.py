"""Public pages of online services: apply, supplement, rate, appeal, results, ratings."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from opencounty.cases import actions as case_actions
from opencounty.cases.actions import IllegalTransition
from opencounty.cases.models import Case
from opencounty.core.audit import client_ip
from opencounty.services import actions, receipt
from opencounty.services import kinds as k
from opencounty.services.forms import AppealForm, ApplicationForm, EvaluationForm, SupplementForm
from opencounty.services.models import ServiceItemPage
from opencounty.services.publication import licensing_results, month_of, monthly_ratings


@never_cache
def apply(request: HttpRequest, code: str) -> HttpResponse:
    """Apply online; the application and its materials are stored before they are acknowledged."""
    item = get_object_or_404(
        ServiceItemPage.objects.live().select_related("department"),
        code=code,
        online_application=True,
    )
    form = ApplicationForm(item, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application, query_code = actions.submit_application(
            item=item,
            name=data["name"],
            id_number=data["id_number"],
            phone=data["phone"],
            email=data["email"],
            form_data=form.form_data(),
            uploads=form.uploads(),
        )
        form.release_uploads()
        sent = receipt.send_query_code(
            application.case,
            query_code,
            by_sms=data["send_code_by_sms"],
            by_email=data["send_code_by_email"],
        )
        return render(
            request,
            "services/submitted.html",
            {
                "case": application.case,
                "application": application,
                "item": item,
                "query_code": query_code,
                "sent": sent,
            },
        )
    if form.is_bound:
        form.keep_uploads()
    return render(request, "services/apply.html", {"form": form, "item": item})


def _proven_application(request: HttpRequest, form) -> Case:
    """The application the receipt number and query code name (rate-limited like the lookup)."""
    case = case_actions.lookup(
        form.cleaned_data["receipt_number"],
        form.cleaned_data["query_code"],
        client=client_ip(request) or "unknown",
    )
    if case is None or case.kind != k.APPLICATION.code:
        raise PermissionDenied(_("受理编号或查询码不正确。"))
    return case


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _done(request: HttpRequest, title: str, message: str, error: str) -> HttpResponse:
    return render(
        request,
        "services/done.html",
        {"title": title, "message": message, "error": error},
        status=400 if error else 200,
    )


@never_cache
@require_POST
def supplement(request: HttpRequest) -> HttpResponse:
    """The applicant supplements what the one-time notice listed."""
    form = SupplementForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        case = _proven_application(request, form)
        uploads = [(None, _("补正材料"), f) for f in form.cleaned_data["files"]]
        try:
            actions.supplement(case, note=form.cleaned_data["note"], uploads=uploads)
        except IllegalTransition as exc:
            error = str(exc)
    else:
        error = _form_errors(form)
    return _done(request, _("补正材料"), _("补正材料已提交，请等待窗口重新审查。"), error)


@never_cache
@require_POST
def evaluate(request: HttpRequest) -> HttpResponse:
    """好差评: the applicant rates a completed application."""
    form = EvaluationForm(request.POST)
    error = ""
    if form.is_valid():
        case = _proven_application(request, form)
        data = form.cleaned_data
        try:
            actions.rate(
                case,
                overall=data["overall"],
                efficiency=data["efficiency"],
                guide=data["guide"],
                convenience=data["convenience"],
                comment=data["comment"],
            )
        except IllegalTransition as exc:
            error = str(exc)
    else:
        error = _form_errors(form)
    return _done(request, _("评价"), _("感谢您的评价。"), error)


@never_cache
@require_POST
def appeal(request: HttpRequest) -> HttpResponse:
    """The applicant appeals the feedback on a bad review (once)."""
    form = AppealForm(request.POST)
    error = ""
    if form.is_valid():
        case = _proven_application(request, form)
        rectification = case.application.rectifications.order_by("-id").first()
        if rectification is None:
            raise PermissionDenied(_("该办件没有差评整改。"))
        try:
            actions.appeal(rectification.case, text=form.cleaned_data["text"])
        except IllegalTransition as exc:
            error = str(exc)
    else:
        error = _form_errors(form)
    return _done(request, _("申诉"), _("申诉已提交，部门将重新核查整改。"), error)


def results(request: HttpRequest) -> HttpResponse:
    """办结公示: licensing results with the applicant masked."""
    return render(request, "services/results.html", {"rows": licensing_results()[:200]})


def ratings(request: HttpRequest) -> HttpResponse:
    """Each department's ratings, month by month."""
    month = month_of(request.GET.get("month", ""), today=timezone.localdate())
    return render(
        request,
        "services/ratings.html",
        {"month": month, "rows": monthly_ratings(month), "months": _recent_months()},
    )


def _recent_months() -> list:
    """The first days of this month and the eleven before it."""
    today = timezone.localdate().replace(day=1)
    months = []
    year, number = today.year, today.month
    for _i in range(12):
        months.append(today.replace(year=year, month=number))
        year, number = (year, number - 1) if number > 1 else (year - 1, 12)
    return months
