"""The information officer's screens: the unit's requests and the handling of one request."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import clock
from opencounty.cases.actions import IllegalTransition, can_handle, visible_cases
from opencounty.cases.models import Case
from opencounty.cases.staff_views import verb_forms
from opencounty.core import audit
from opencounty.core.storage import private_file_response
from opencounty.disclosure import actions, letters
from opencounty.disclosure import kind as k
from opencounty.disclosure.outcomes import Outcome, sub_reason_label
from opencounty.disclosure.staff_forms import STAFF_VERBS, ReplyForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _visible_cases(user):
    return visible_cases(user, k.DISCLOSURE_REQUEST.code).select_related("unit", "disclosure")


def request_list(request: HttpRequest) -> TemplateResponse:
    today = timezone.localdate()
    cases = _visible_cases(request.user)
    state = request.GET.get("state", "")
    if state in k.DISCLOSURE_REQUEST.states:
        cases = cases.filter(state=state)
    rows = [
        (case, clock.warning_level(case, today))
        for case in cases.order_by("due_on", "-submitted_at")[:200]
    ]
    return TemplateResponse(
        request,
        "disclosure/admin/request_list.html",
        {"rows": rows, "states": k.DISCLOSURE_REQUEST.states, "state": state},
    )


def _perform(verb: str, case: Case, user, data: dict) -> Case:
    if verb == "receive":
        return actions.register(case, user, on=data["on"])
    if verb == "request_correction":
        return actions.request_correction(
            case, user, on=data["on"], note=data["note"], days=data["days"]
        )
    if verb == "receive_correction":
        return actions.receive_correction(case, user, on=data["on"])
    if verb == "withdraw":
        return actions.withdraw_without_correction(case, user, on=data["on"])
    if verb == "pause":
        return actions.consult_third_party(
            case, user, on=data["on"], third_party=data["third_party"]
        )
    if verb == "resume":
        return actions.third_party_answered(case, user, on=data["on"])
    if verb == "extend":
        return actions.extend(case, user, days=data["days"], reason=data["reason"])
    if verb == "notify_fee":
        return actions.notify_fee(
            case, user, on=data["on"], method=data["method"], pages=data["pages"]
        )
    if verb == "record_payment":
        return actions.record_payment(case, user, on=data["on"])
    if verb == "reply":
        return actions.reply(
            case,
            user,
            outcome=data["outcome"],
            sub_reason=data["sub_reason"],
            text=data["text"],
            responsible_body=data["responsible_body"],
            on=data.get("on"),
        )
    if verb == "close":
        return actions.close(case, user)
    raise IllegalTransition(_("未知的操作。"))


def _handled_case(request: HttpRequest, case_id: int) -> Case:
    """The request's case, if the user may handle it (the unit's staff and the county office)."""
    case = get_object_or_404(
        Case.objects.select_related("unit", "disclosure"), pk=case_id, kind="disclosure"
    )
    if not can_handle(request.user, case):
        raise PermissionDenied
    return case


def id_document(request: HttpRequest, case_id: int) -> HttpResponse:
    """The applicant's identity document, for the staff who may handle the request; audited."""
    case = _handled_case(request, case_id)
    document = case.disclosure.id_document
    audit.record("disclosure.id_document_read", actor=request.user, obj=case)
    extension = document.name.rsplit(".", 1)[-1] if "." in document.name else "bin"
    return private_file_response(document, f"{case.receipt_number}-id.{extension}")


def reply_letter(request: HttpRequest, case_id: int) -> HttpResponse:
    """The reply letter (.docx) of an answered request."""
    case = _handled_case(request, case_id)
    if not case.disclosure.outcome:
        raise Http404(_("该申请尚未答复。"))
    return _docx(letters.reply_letter(case.disclosure), f"{case.receipt_number}.docx")


def _docx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def letter_preview(request: HttpRequest, case_id: int) -> HttpResponse:
    """A draft of the letter for the outcome chosen in the reply form, before replying."""
    case = _handled_case(request, case_id)
    form = ReplyForm(request.POST or None, prefix="reply")
    try:
        if request.method != "POST" or not form.is_valid():
            raise IllegalTransition(_("请先填写处理结果和答复内容。"))
        data = form.cleaned_data
        sub_reason = actions.checked_sub_reason(data["outcome"], data["sub_reason"])
    except IllegalTransition as exc:
        messages.error(request, str(exc))
        return redirect("disclosure_admin:detail", case_id=case.pk)
    return _docx(
        letters.build_letter(
            case.disclosure,
            outcome=data["outcome"],
            sub_reason=sub_reason,
            responsible_body=data["responsible_body"],
            explanation=data["text"],
            on=data.get("on"),
            draft=True,
        ),
        f"{case.receipt_number}-draft.docx",
    )


def request_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _handled_case(request, case_id)
    forms, done = verb_forms(request, case, STAFF_VERBS, _perform)
    if done:
        return redirect("disclosure_admin:detail", case_id=case.pk)
    disclosure = case.disclosure
    return TemplateResponse(
        request,
        "disclosure/admin/request_detail.html",
        {
            "case": case,
            "request_obj": disclosure,
            "forms": forms,
            "timeline": case.timeline.select_related("actor"),
            "warning": clock.warning_level(case, timezone.localdate()),
            "outcome_label": Outcome(disclosure.outcome).label if disclosure.outcome else "",
            "sub_reason_label": sub_reason_label(disclosure.outcome, disclosure.sub_reason),
        },
    )
