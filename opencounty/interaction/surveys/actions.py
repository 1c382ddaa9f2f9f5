"""Taking an answer to a survey: the only place a `SurveyAnswer` is created."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.core.crypto import blind_index
from opencounty.interaction.models.surveys import NOT_OPEN, OPEN, SurveyAnswer, SurveyPage
from opencounty.limits import store as limits

NOT_OPEN_YET = _("本次调查尚未开始，请在调查时间内参与。")
CLOSED_ALREADY = _("本次调查已经结束，感谢您的关注。")
ALREADY_ANSWERED = _("您已经参与过本次调查，每人只能回答一次。感谢您的参与！")
ADDRESS_FULL = _(
    "本网络地址提交的答卷已达上限。如您与他人共用网络（如单位、学校），请稍后换用手机网络参与。"
)


class AnswerRefused(Exception):
    """The answer was not taken; the message says why, in words for the public."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def phone_key(page: SurveyPage, phone: str) -> str:
    """A keyed hash of the phone, scoped to one survey so answers cannot be linked across surveys."""
    return blind_index(f"survey:{page.pk}:{phone}")


def check_open(page: SurveyPage, now: datetime | None = None) -> None:
    state = page.state(now)
    if state == NOT_OPEN:
        raise AnswerRefused(NOT_OPEN_YET)
    if state != OPEN:
        raise AnswerRefused(CLOSED_ALREADY)


def answer_survey(
    page: SurveyPage,
    *,
    answers: dict,
    form_token: str,
    phone: str = "",
    browser_has_answered: bool = False,
    client: str = "",
    now: datetime | None = None,
) -> SurveyAnswer:
    """Store one answer sheet, or refuse it (not open, or this browser or phone has answered).

    The unique constraints on (survey, form token) and (survey, phone hash) decide
    between two submits that arrive together: only one insert can win. A survey of one
    answer per browser also takes at most SURVEY_ANSWERS_PER_ADDRESS sheets from one client
    address, counted in the database: clearing the cookie does not buy another vote each time.
    """
    check_open(page, now)
    if page.limits_browser and browser_has_answered:
        raise AnswerRefused(ALREADY_ANSWERED)
    scope = f"survey:{page.pk}"
    per_address = page.limits_browser and bool(client)
    if per_address and limits.count(scope, client, now=now) >= settings.SURVEY_ANSWERS_PER_ADDRESS:
        raise AnswerRefused(ADDRESS_FULL)
    key = ""
    if page.limits_phone:
        if not phone:
            raise AnswerRefused(_("请填写手机号码。"))
        key = phone_key(page, phone)
        if SurveyAnswer.objects.filter(page=page, phone_key=key).exists():
            raise AnswerRefused(ALREADY_ANSWERED)
    try:
        with transaction.atomic():
            answer = SurveyAnswer.objects.create(
                page=page, form_data=answers, browser_key=form_token, phone_key=key
            )
            if per_address:
                left = (page.closes_at - (now or timezone.now())).total_seconds()
                limits.hit(scope, client, seconds=max(int(left), 3600), now=now)
            return answer
    except IntegrityError as exc:
        raise AnswerRefused(ALREADY_ANSWERED) from exc
