"""The admin report 办事指南完整性: every item of the staff member's units with what it misses."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from opencounty.services.completeness import guide_report
from opencounty.services.permissions import report_units


def completeness_report(request: HttpRequest) -> HttpResponse:
    units = report_units(request.user)
    if not units:
        raise PermissionDenied
    rows = guide_report(units)
    only_incomplete = request.GET.get("incomplete") == "1"
    if only_incomplete:
        rows = [row for row in rows if row[1]]
    return TemplateResponse(
        request,
        "services/admin/completeness_report.html",
        {
            "rows": rows,
            "incomplete_count": sum(1 for _item, missing in rows if missing),
            "only_incomplete": only_incomplete,
        },
    )
