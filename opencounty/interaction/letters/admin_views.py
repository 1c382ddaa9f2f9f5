"""Staff screens for the mailbox: each unit's inbox, the dispatchers' queue, one letter's handling."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
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
from opencounty.interaction import kinds as k
from opencounty.interaction.letters import actions
from opencounty.interaction.letters.staff_forms import STAFF_VERBS
from opencounty.interaction.models import LetterAttachment

UNANSWERED_MONTHS = 3


def visible_letters(user):
    return visible_cases(user, k.LETTER.code).select_related("unit", "letter")


def long_unanswered(cases, today):
    """Letters of the last year still unanswered more than three months after arrival:
    a single-veto item of the national inspection."""
    cutoff = timezone.now() - timedelta(days=UNANSWERED_MONTHS * 30)
    year_ago = timezone.now() - timedelta(days=365)
    return cases.filter(
        replied_at__isnull=True,
        closed_at__isnull=True,
        submitted_at__lt=cutoff,
        submitted_at__gte=year_ago,
    )


def inbox(request: HttpRequest) -> TemplateResponse:
    today = timezone.localdate()
    cases = visible_letters(request.user)
    state = request.GET.get("state", "")
    if state in k.LETTER.states:
        cases = cases.filter(state=state)
    held_only = request.GET.get("held") == "1"
    if held_only:
        cases = cases.filter(letter__held=True)
    rows = [
        (case, clock.warning_level(case, today))
        for case in cases.order_by("closed_at", "due_on", "-submitted_at")[:300]
    ]
    return TemplateResponse(
        request,
        "interaction/letters/admin/inbox.html",
        {
            "rows": rows,
            "states": k.LETTER.states,
            "state": state,
            "held_only": held_only,
            "unanswered": long_unanswered(visible_letters(request.user), today),
            "is_dispatcher": actions.is_dispatcher(request.user),
        },
    )


def _perform(verb: str, case: Case, user, data: dict) -> Case:
    if verb == "route":
        return actions.route(case, user, to_unit=data["to_unit"], note=data["note"])
    if verb == "release":
        return actions.release(case, user)
    if verb == "draft_reply":
        return actions.draft_reply(case, user, text=data["text"])
    if verb == "approve_reply":
        return actions.approve_reply(case, user)
    if verb == "return_draft":
        return actions.return_draft(case, user, reason=data["reason"])
    if verb == "send_back":
        return actions.send_back(case, user, reason=data["reason"])
    if verb == "transfer":
        return actions.pass_on(case, user, to_unit=data["to_unit"], reason=data["reason"])
    if verb == "close":
        return actions.close_invalid(case, user, reason=data["reason"])
    raise IllegalTransition(_("未知的操作。"))


def _handled_case(request: HttpRequest, case_id: int) -> Case:
    case = get_object_or_404(
        Case.objects.select_related("unit", "letter"), pk=case_id, kind=k.LETTER.code
    )
    if not can_handle(request.user, case):
        raise PermissionDenied
    return case


def attachment(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    """A letter's attachment, for the staff who may handle the letter."""
    case = _handled_case(request, case_id)
    upload = get_object_or_404(LetterAttachment, pk=attachment_id, letter__case=case)
    audit.record(
        "letter.attachment_read", actor=request.user, obj=case, details={"file": upload.name}
    )
    return private_file_response(upload.file, upload.name)


def letter_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _handled_case(request, case_id)
    forms, done = verb_forms(
        request,
        case,
        STAFF_VERBS,
        _perform,
        shown=lambda verb: verb != "release" or case.letter.held,
        form_kwargs=lambda verb: (
            {"initial": {"text": case.letter.draft_reply}} if verb == "draft_reply" else {}
        ),
    )
    if done:
        return redirect("letters_admin:detail", case_id=case.pk)
    return TemplateResponse(
        request,
        "interaction/letters/admin/detail.html",
        {
            "case": case,
            "letter": case.letter,
            "forms": forms,
            "timeline": case.timeline.select_related("actor"),
            "warning": clock.warning_level(case, timezone.localdate()),
        },
    )
