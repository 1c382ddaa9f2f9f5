"""What the citizen's progress lookup offers beyond the engine's summary: the reply letter.

The download is a POST carrying the receipt number and query code (never in a URL, never
cached); the pair is checked again through `cases.actions.lookup`, so every miss counts
against the same per-client limit as the lookup itself.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from opencounty.cases import actions as case_actions
from opencounty.cases.forms import LookupForm
from opencounty.core import audit
from opencounty.core.audit import client_ip
from opencounty.disclosure import kind as k
from opencounty.disclosure import letters

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _refused(request: HttpRequest, receipt_number: str, error: str, status: int) -> HttpResponse:
    form = LookupForm(initial={"receipt_number": receipt_number})
    return render(request, "cases/lookup.html", {"form": form, "error": error}, status=status)


@never_cache
@require_POST
def reply_letter(request: HttpRequest) -> HttpResponse:
    """The reply letter (.docx) of an answered request, for whoever holds its query code."""
    form = LookupForm(request.POST)
    case, receipt_number = None, ""
    if form.is_valid():
        receipt_number = form.cleaned_data["receipt_number"]
        case = case_actions.lookup(
            receipt_number,
            form.cleaned_data["query_code"],
            client=client_ip(request) or "unknown",
        )
    if case is None or case.kind != k.DISCLOSURE_REQUEST.code:
        return _refused(
            request,
            receipt_number,
            _("未找到办件：请核对受理编号和查询码。多次输错将暂时无法查询。"),
            403,
        )
    if not case.disclosure.outcome:
        return _refused(request, receipt_number, _("该申请尚未答复，暂无答复书。"), 404)
    audit.record("disclosure.reply_letter_downloaded", obj=case, request=request)
    response = HttpResponse(letters.reply_letter(case.disclosure), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{case.receipt_number}.docx"'
    return response
