"""The public 我为政府网站找错 form, reached from every page's footer."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from opencounty.cases import receipt
from opencounty.interaction.error_reports import actions, routing
from opencounty.interaction.error_reports.forms import ErrorReportForm


def _prefilled_address(request: HttpRequest) -> str:
    """The address of the page the visitor came from (`?url=`), if it is one of this site's."""
    given = request.GET.get("url") or request.GET.get("next") or ""
    try:
        return routing.checked_address(
            given, request_host=request.get_host(), base_url=request.build_absolute_uri("/")
        )
    except routing.InvalidReport:
        return ""


@never_cache
def report(request: HttpRequest) -> HttpResponse:
    """Stored before it is acknowledged; the receipt number and query code are shown once."""
    form = ErrorReportForm(
        request.POST or None,
        initial={"page_url": _prefilled_address(request)},
        request_host=request.get_host(),
        base_url=request.build_absolute_uri("/"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            error_report, query_code = actions.submit_report(
                page_url=data["page_url"],
                error_type=data["error_type"],
                description=data["description"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                request_host=request.get_host(),
            )
        except routing.InvalidReport as exc:
            form.add_error(None, str(exc))
        else:
            receipt.remember(request, error_report.case)
            return render(
                request,
                "interaction/error_reports/submitted.html",
                receipt.context(request, error_report.case, query_code) | {"report": error_report},
            )
    return render(
        request,
        "interaction/error_reports/form.html",
        {"form": form, "reply_days": settings.ERROR_REPORT_REPLY_DAYS},
    )
