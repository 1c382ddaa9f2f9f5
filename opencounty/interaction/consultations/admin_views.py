"""Staff screens: the consultations a user may moderate, and the moderation of one consultation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from opencounty.interaction.consultations import actions
from opencounty.interaction.consultations.figures import feedback_figures
from opencounty.interaction.consultations.forms import (
    AdoptionForm,
    ArchiveForm,
    FeedbackForm,
    RejectForm,
)
from opencounty.interaction.models import ConsultationComment, ConsultationPage

State = ConsultationComment.State
COMMENT_VERBS = {
    "approve": (_("审核通过并公开"), None),
    "reject": (_("不予公开"), RejectForm),
    "decide": (_("保存采纳决定"), AdoptionForm),
}
PAGE_VERBS = {
    "publish_feedback": (_("发布意见采纳情况反馈"), FeedbackForm),
    "archive": (_("归档"), ArchiveForm),
}


def consultation_list(request: HttpRequest) -> TemplateResponse:
    pages = ConsultationPage.objects.annotate(
        pending=Count("comments", filter=Q(comments__state=State.PENDING)),
        received=Count("comments"),
    ).order_by("-closes_on", "-pk")
    rows = [page for page in pages if actions.can_moderate(request.user, page)]
    return TemplateResponse(request, "interaction/admin/consultation_list.html", {"rows": rows})


def _perform_on_comment(verb: str, comment: ConsultationComment, user, data: dict) -> None:
    if verb == "approve":
        actions.approve_comment(comment, user)
    elif verb == "reject":
        actions.reject_comment(comment, user, reason=data["reason"])
    else:
        actions.decide_adoption(comment, user, adoption=data["adoption"], reason=data["reason"])


def _perform_on_page(verb: str, page: ConsultationPage, user, data: dict) -> None:
    if verb == "publish_feedback":
        actions.publish_feedback(page, user, text=data["text"])
    else:
        actions.archive(page, user)


def _handle_post(request: HttpRequest, page: ConsultationPage) -> tuple[bool, dict]:
    """Run the posted verb. Returns (done, bound forms to show again with their errors)."""
    verb = request.POST.get("verb", "")
    if verb in COMMENT_VERBS:
        label, form_class = COMMENT_VERBS[verb]
        comment = get_object_or_404(ConsultationComment, pk=request.POST.get("comment"), page=page)
        form = form_class(request.POST, prefix=f"c{comment.pk}") if form_class else None
        key, target, perform = (verb, comment.pk), comment, _perform_on_comment
    elif verb in PAGE_VERBS:
        label, form_class = PAGE_VERBS[verb]
        form = form_class(request.POST, prefix=verb)
        key, target, perform = verb, page, _perform_on_page
    else:
        messages.error(request, _("未知的操作。"))
        return False, {}
    if form is not None and not form.is_valid():
        messages.error(request, _("操作未完成，请按提示修改。"))
        return False, {key: form}
    try:
        perform(verb, target, request.user, form.cleaned_data if form is not None else {})
    except actions.ConsultationError as exc:
        messages.error(request, str(exc))
        return False, {key: form} if form is not None else {}
    messages.success(request, _("已完成：%(action)s") % {"action": label})
    return True, {}


def consultation_detail(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not actions.can_moderate(request.user, page):
        raise PermissionDenied
    bound: dict = {}
    if request.method == "POST":
        done, bound = _handle_post(request, page)
        if done:
            return redirect("consultations_admin:detail", page_id=page.pk)
    comments = ConsultationComment.objects.filter(page=page).select_related("section")
    feedback = getattr(page, "feedback", None)
    rows = [
        {
            "comment": comment,
            "reject_form": bound.get(("reject", comment.pk)) or RejectForm(prefix=f"c{comment.pk}"),
            "adoption_form": bound.get(("decide", comment.pk))
            or AdoptionForm(
                prefix=f"c{comment.pk}",
                initial={"adoption": comment.adoption, "reason": comment.adoption_reason},
            ),
        }
        for comment in comments
    ]
    return TemplateResponse(
        request,
        "interaction/admin/consultation_detail.html",
        {
            "page": page,
            "rows": rows,
            "figures": feedback_figures(page),
            "feedback": feedback,
            "feedback_form": bound.get("publish_feedback")
            or FeedbackForm(
                prefix="publish_feedback", initial={"text": getattr(feedback, "text", "")}
            ),
            "has_closed": page.has_closed(),
        },
    )
