from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from opencounty.cases import receipt
from opencounty.core.models import Unit
from opencounty.disclosure import actions
from opencounty.disclosure.annual_report import document_for
from opencounty.disclosure.forms import DisclosureApplicationForm
from opencounty.disclosure.models import AnnualReport
from opencounty.disclosure.report_exports import docx_response, report_sections


def _fee_refused(form: DisclosureApplicationForm, refusal: actions.FeeNotAccepted) -> None:
    """Explain why nothing was stored: the fee has to be accepted first (again if it changed)."""
    quoted = form.cleaned_data.get("quoted_fee")
    if form.cleaned_data.get("accept_fee") and quoted is not None:
        message = _("收费金额已变更为%(amount)s元，请重新阅读收费标准并确认。")
    else:
        message = _(
            "本次申请需缴纳信息处理费%(amount)s元。请阅读收费标准，勾选同意后再提交；不同意的，申请不会被提交。"
        )
    form.add_error("accept_fee", message % {"amount": refusal.quote.amount})


@never_cache
def apply(request: HttpRequest, unit_code: str) -> HttpResponse:
    """The online application to one unit; stored before it is acknowledged."""
    unit = get_object_or_404(Unit, code=unit_code)
    form = DisclosureApplicationForm(request.POST or None, request.FILES or None)
    fee_notice = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            disclosure_request, query_code = actions.submit_request(
                unit=unit,
                applicant_type=data["applicant_type"],
                name=data["name"],
                organisation_name=data["organisation_name"],
                legal_representative=data["legal_representative"],
                id_type=data["id_type"],
                id_number=data["id_number"],
                phone=data["phone"],
                email=data["email"],
                postal_address=data["postal_address"],
                postcode=data["postcode"],
                description=data["description"],
                document_number=data["document_number"],
                form_wanted=data["form_wanted"],
                delivery=data["delivery"],
                id_document=data.get("id_document"),
                accepted_fee=form.accepted_fee(),
            )
        except actions.FeeNotAccepted as refusal:
            fee_notice = refusal.quote
            _fee_refused(form, refusal)
        else:
            form.release_uploads()
            receipt.remember(request, disclosure_request.case)
            return render(
                request,
                "disclosure/submitted.html",
                receipt.context(request, disclosure_request.case, query_code) | {"unit": unit},
            )
    if form.is_bound:
        form.keep_uploads()
    return render(
        request, "disclosure/apply.html", {"form": form, "unit": unit, "fee_notice": fee_notice}
    )


def _published(unit: Unit):
    return AnnualReport.objects.filter(unit=unit, state=AnnualReport.State.PUBLISHED)


def annual_reports(request: HttpRequest, unit_code: str) -> HttpResponse:
    """The unit's published annual reports (政府信息公开工作年度报告), newest first."""
    unit = get_object_or_404(Unit, code=unit_code)
    reports = _published(unit).order_by("-year")
    return render(request, "disclosure/annual_reports.html", {"unit": unit, "reports": reports})


def annual_report(request: HttpRequest, unit_code: str, year: int) -> HttpResponse:
    """One published report in the national layout; drafts are not found."""
    report = get_object_or_404(_published(get_object_or_404(Unit, code=unit_code)), year=year)
    document = document_for(report)
    return render(
        request,
        "disclosure/annual_report.html",
        {
            "document": document,
            "sections": report_sections(document),
            "report": report,
            "unit": report.unit,
        },
    )


def annual_report_docx(request: HttpRequest, unit_code: str, year: int) -> HttpResponse:
    report = get_object_or_404(_published(get_object_or_404(Unit, code=unit_code)), year=year)
    return docx_response(document_for(report))
