"""Public views of a consultation: the page with its comment form, and the feedback summary."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from opencounty.core.audit import client_ip
from opencounty.interaction.consultations import actions
from opencounty.interaction.consultations.figures import feedback_figures
from opencounty.interaction.consultations.forms import CommentForm
from opencounty.interaction.models import ConsultationComment, ConsultationPage
from opencounty.portal.units import unit_for_page

SUBMITTED_FLAG = "submitted"


def serve_consultation(
    page: ConsultationPage, request: HttpRequest, serve: Callable, *args, **kwargs
) -> HttpResponse:
    """GET shows the page; POST stores a comment, then redirects (or shows the errors)."""
    form = None
    if request.method == "POST":
        form = CommentForm(page, request.POST)
        if form.is_valid():
            try:
                actions.submit_comment(
                    page,
                    phone=form.cleaned_data["phone"],
                    text=form.cleaned_data["text"],
                    name=form.cleaned_data["name"],
                    section=form.chosen_section(),
                    client=client_ip(request) or "",
                )
            except actions.ConsultationError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect(f"{page.url}?{SUBMITTED_FLAG}=1#comment-form")
    response = serve(request, *args, form=form, **kwargs)
    if page.is_open():
        # The form carries a CSRF token for this visitor: never share it through the page cache.
        add_never_cache_headers(response)
    return response


def consultation_context(page: ConsultationPage, request: HttpRequest, form=None) -> dict:
    is_open = page.is_open()
    if form is None and is_open:
        form = CommentForm(page, initial={"section": request.GET.get("section", "")})
    # A posted form is shown again even after the period, so its refusal is read.
    feedback = getattr(page, "feedback", None) if page.pk else None
    return {
        "sections": list(page.sections.all()),
        "approved_comments": approved_comments(page),
        "comment_form": form,
        "submitted": request.GET.get(SUBMITTED_FLAG) == "1",
        "status": page.status(),
        "feedback": feedback if feedback is not None and feedback.is_published else None,
        "unit": unit_for_page(page),
    }


def approved_comments(page: ConsultationPage) -> list[ConsultationComment]:
    if page.pk is None:  # a preview of a page not saved yet
        return []
    comments = ConsultationComment.objects.filter(
        page=page, state=ConsultationComment.State.APPROVED
    )
    return list(comments.select_related("section").order_by("submitted_at", "id"))


def feedback(request: HttpRequest, page_id: int) -> HttpResponse:
    """The published feedback summary (意见采纳情况反馈) of one consultation."""
    page = ConsultationPage.objects.live().filter(pk=page_id).first()
    summary = getattr(page, "feedback", None) if page is not None else None
    if summary is None or not summary.is_published:
        raise Http404
    return render(
        request,
        "interaction/consultation_feedback.html",
        {
            "consultation": page,
            "summary": summary,
            "figures": feedback_figures(page),
            "unit": unit_for_page(page),
        },
    )
