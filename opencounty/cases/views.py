from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from opencounty.cases import actions as case_actions
from opencounty.cases import clock
from opencounty.cases.forms import LookupForm
from opencounty.core.audit import client_ip


@never_cache
def lookup(request: HttpRequest) -> HttpResponse:
    """Progress of a case by receipt number and query code (POST, so the code stays out of URLs and logs)."""
    form = LookupForm(request.POST or None)
    case = None
    error = ""
    if request.method == "POST" and form.is_valid():
        client = client_ip(request) or "unknown"
        case = case_actions.lookup(
            form.cleaned_data["receipt_number"], form.cleaned_data["query_code"], client=client
        )
        if case is None:
            error = _("未找到办件：请核对受理编号和查询码。多次输错将暂时无法查询。")
    context = {"form": form, "case": case, "error": error}
    if case is not None:
        context["events"] = case.timeline.filter(public=True)
        context["remaining"] = clock.remaining_working_days(case, timezone.localdate())
        context["kind_template"] = case.case_kind.lookup_template
    return render(request, "cases/lookup.html", context)
