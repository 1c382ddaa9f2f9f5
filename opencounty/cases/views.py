from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from opencounty.cases import actions as case_actions
from opencounty.cases import clock
from opencounty.cases import receipt as receipts
from opencounty.cases.forms import LookupForm, ReceiptForm
from opencounty.cases.models import Case
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


# The answer's status when a copy is refused (a failed delivery is not the client's fault).
RECEIPT_STATUS = {receipts.ALREADY_SENT: 400, receipts.NO_ADDRESS: 400, receipts.TOO_MANY: 429}


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """The printable receipt again, and the copy by SMS or e-mail, for the browser that
    submitted the case only (its session) and with the query code it was shown."""
    if request.method != "POST":
        refused = render(request, "cases/receipt_refused.html", status=405)
        refused["Allow"] = "POST"
        return refused
    form = ReceiptForm(request.POST)
    case = None
    if form.is_valid() and form.cleaned_data["receipt_number"].strip():
        case = Case.objects.filter(
            receipt_number=form.cleaned_data["receipt_number"].strip().upper()
        ).first()
    if case is None or not receipts.submitted_here(request, case):
        return render(request, "cases/receipt_refused.html", status=403)
    client = client_ip(request) or "unknown"
    if (
        case_actions.lookup(case.receipt_number, form.cleaned_data["query_code"], client=client)
        is None
    ):
        return render(request, "cases/receipt_refused.html", status=403)
    query_code = form.cleaned_data["query_code"].strip().upper()
    channel, outcome = form.cleaned_data["send"], ""
    if channel:
        outcome = receipts.send_copy(case, query_code, channel, client=client)
    return render(
        request,
        "cases/receipt.html",
        receipts.context(request, case, query_code)
        | {
            "sent": receipts.outcome_text(channel, outcome) if outcome else "",
            "refused": outcome not in ("", receipts.SENT),
        },
        status=RECEIPT_STATUS.get(outcome, 200),
    )
