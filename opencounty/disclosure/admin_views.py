"""What only a disclosure request has on the staff side: the identity document, the delivery
slip and the reply letter (.docx). The inbox and the handling screen are the case engine's."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from opencounty.cases.actions import IllegalTransition, can_handle
from opencounty.cases.models import Case
from opencounty.cases.staff_views import detail_url
from opencounty.core import audit
from opencounty.core.storage import private_file_response
from opencounty.disclosure import actions, letters
from opencounty.disclosure.staff_forms import ReplyForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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


def delivery_slip(request: HttpRequest, case_id: int) -> TemplateResponse:
    """Everything needed to post the information or call the applicant, the phone number
    in full: for the staff who may handle the request, and every reading is audited."""
    case = _handled_case(request, case_id)
    audit.record("disclosure.delivery_details_read", actor=request.user, obj=case)
    return TemplateResponse(
        request,
        "disclosure/admin/delivery_slip.html",
        {"case": case, "request_obj": case.disclosure, "unit": case.unit},
    )


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
        return redirect(detail_url(case))
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
