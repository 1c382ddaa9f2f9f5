"""The annual report screens of the admin: the unit's reports, and writing and publishing one."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from opencounty.core.models import Unit
from opencounty.disclosure import report_actions as actions
from opencounty.disclosure.annual_report import document_for
from opencounty.disclosure.models import AnnualReport
from opencounty.disclosure.report_exports import docx_response, report_sections, xlsx_response
from opencounty.disclosure.report_forms import AnnualReportForm, OpenReportForm


def report_list(request: HttpRequest) -> HttpResponse:
    units = actions.editable_units(request.user)
    if not units:
        raise PermissionDenied
    form = OpenReportForm(request.GET or None, units=units)
    if form.is_valid():
        return redirect(
            "annual_report_admin:edit", form.cleaned_data["unit"], form.cleaned_data["year"]
        )
    reports = actions.visible_reports(request.user).order_by("-year", "unit__kind", "unit__code")
    return TemplateResponse(
        request,
        "disclosure/admin/annual_report_list.html",
        {"reports": reports[:500], "form": form},
    )


def _report(request: HttpRequest, unit_code: str, year: int) -> AnnualReport:
    unit = get_object_or_404(Unit, code=unit_code)
    if not actions.can_edit(request.user, unit):
        raise PermissionDenied
    stored = AnnualReport.objects.filter(unit=unit, year=year).select_related("unit").first()
    return stored or AnnualReport(unit=unit, year=year)


def _save(request: HttpRequest, report: AnnualReport, form: AnnualReportForm) -> bool:
    if not form.is_valid():
        messages.error(request, _("保存未成功，请按提示修改。"))
        return False
    data = {name: form.cleaned_data[name] for name in actions.EDITABLE_FIELDS}
    try:
        actions.save_report(report.unit, report.year, request.user, **data)
    except ValidationError as exc:
        for message in actions.validation_messages(exc):
            messages.error(request, message)
        return False
    messages.success(request, _("年度报告已保存。"))
    return True


def _publish(request: HttpRequest, report: AnnualReport) -> bool:
    if report.pk is None:
        messages.error(request, _("请先保存年度报告再发布。"))
        return False
    actions.publish_report(report, request.user)
    messages.success(request, _("年度报告已发布。"))
    return True


def _perform(request: HttpRequest, verb: str | None, report: AnnualReport, form) -> bool:
    if verb == "save":
        return _save(request, report, form)
    if verb == "publish":
        return _publish(request, report)
    messages.error(request, _("未知的操作。"))
    return False


def report_edit(request: HttpRequest, unit_code: str, year: int) -> HttpResponse:
    try:
        actions.check_year(year)
    except actions.ReportRefused as exc:
        messages.error(request, str(exc))
        return redirect("annual_report_admin:list")
    report = _report(request, unit_code, year)
    # The form checks a copy, so a refused edit never shows in the tables beside it.
    form = AnnualReportForm(instance=copy.copy(report))
    if request.method == "POST":
        verb = request.POST.get("verb")
        if verb == "save":
            form = AnnualReportForm(request.POST, instance=copy.copy(report))
        try:
            done = _perform(request, verb, report, form)
        except (actions.ReportRefused, PermissionDenied) as exc:
            messages.error(request, str(exc) or _("您无权执行此操作。"))
        else:
            if done:
                return redirect("annual_report_admin:edit", unit_code, year)
    if report.is_published:
        for field in form.fields.values():
            field.disabled = True
    document = document_for(report)
    return TemplateResponse(
        request,
        "disclosure/admin/annual_report_edit.html",
        {
            "report": report,
            "document": document,
            "sections": report_sections(document),
            "form": form,
            "can_publish": actions.can_publish(request.user, report.unit),
        },
    )


def report_export(request: HttpRequest, unit_code: str, year: int, format: str) -> HttpResponse:
    if format not in ("docx", "xlsx"):
        raise Http404
    document = document_for(_report(request, unit_code, year))
    return docx_response(document) if format == "docx" else xlsx_response(document)
