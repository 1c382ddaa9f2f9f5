"""The public side of a survey: the questionnaire, the thanks, the results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from opencounty.core import audit
from opencounty.interaction.models.surveys import CLOSED, COOKIE_SALT, OPEN, SurveyPage
from opencounty.interaction.surveys.actions import ALREADY_ANSWERED, AnswerRefused, answer_survey
from opencounty.interaction.surveys.results import tally

ANSWERED_COOKIE_DAYS = 365
STALE_FORM = _("页面已失效，请刷新页面后重新填写。")


def _render(request: HttpRequest, page: SurveyPage, template: str, **extra) -> HttpResponse:
    context = page.get_context(request)
    context.update(extra)
    return TemplateResponse(request, template, context)


def _survey_page(request: HttpRequest, page: SurveyPage, state: str, **extra) -> HttpResponse:
    return _render(
        request,
        page,
        page.template,
        state=state,
        results_public=page.results_are_public(),
        **extra,
    )


def survey(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    state = page.state()
    # A closed survey looks the same to everyone; an open one depends on the time and the visitor.
    request.page_cacheable = state == CLOSED
    if state != OPEN:
        return _survey_page(request, page, state)
    answered = page.limits_browser and page.has_answered_cookie(request)
    if answered:
        return _survey_page(request, page, state, refusal=ALREADY_ANSWERED)
    if request.method != "POST":
        return _survey_page(request, page, state, form=page.get_form(page=page))
    return _receive(request, page, state)


def _receive(request: HttpRequest, page: SurveyPage, state: str) -> HttpResponse:
    form = page.get_form(request.POST, page=page)
    token = page.token_of(form) if form.is_valid() else ""
    if form.is_valid() and not token:
        form.add_error(None, STALE_FORM)
    if not form.is_valid():
        return _survey_page(request, page, state, form=form)
    answers = {
        name: value
        for name, value in form.cleaned_data.items()
        if name not in ("form_token", "phone")
    }
    try:
        answer = answer_survey(
            page,
            answers=answers,
            form_token=token,
            phone=form.cleaned_data.get("phone", ""),
            browser_has_answered=page.has_answered_cookie(request),
            client=audit.client_ip(request) or "",
        )
    except AnswerRefused as refusal:
        return _survey_page(request, page, page.state(), refusal=refusal.message)
    response = _render(
        request,
        page,
        page.landing_page_template,
        form_submission=answer,
        results_public=page.results_are_public(),
    )
    response.set_signed_cookie(
        page.answered_cookie_name(),
        str(page.pk),
        salt=COOKIE_SALT,
        max_age=ANSWERED_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def results(request: HttpRequest, page: SurveyPage) -> HttpResponse:
    state = page.state()
    public = page.results_are_public()
    request.page_cacheable = state == CLOSED
    return _render(
        request,
        page,
        page.results_template,
        state=state,
        results_public=public,
        results=tally(page) if public else None,
    )
