"""Building surveys and answering them as a citizen would, for unit and browser tests."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.interaction.models import SurveyPage, SurveyQuestion
from opencounty.portal.models import ColumnPage

QUESTIONS = [
    # label, type, required, choices
    ("您的年龄段", "radio", True, "30岁以下\n30-60岁\n60岁以上"),
    ("您常用的办事渠道", "checkboxes", True, "政府网站\n政务服务大厅\n手机App"),
    ("您对政务服务的总体评价", "rating", True, ""),
    ("您的意见和建议", "multiline", False, ""),
]


def interaction_column() -> ColumnPage:
    home = Unit.objects.get(code="000").root_page
    return ColumnPage.objects.child_of(home).get(slug="interaction")


def make_survey(
    *,
    title: str = "政务服务满意度调查",
    slug: str = "satisfaction",
    opens_in_days: float = -1,
    closes_in_days: float = 7,
    one_answer_per: str = SurveyPage.OneAnswerPer.BROWSER,
    results_live: bool = False,
    questions=QUESTIONS,
    parent=None,
) -> SurveyPage:
    now = timezone.now()
    page = SurveyPage(
        title=title,
        slug=slug,
        intro="<p>欢迎参与本次调查。</p>",
        opens_at=now + timedelta(days=opens_in_days),
        closes_at=now + timedelta(days=closes_in_days),
        one_answer_per=one_answer_per,
        results_live=results_live,
    )
    page.form_fields = [
        SurveyQuestion(label=label, field_type=kind, required=required, choices=choices)
        for label, kind, required, choices in questions
    ]
    (parent or interaction_column()).add_child(instance=page)
    return page


def names(page: SurveyPage) -> dict[str, str]:
    """Question label -> the name of its form field."""
    return {question.label: question.clean_name for question in page.questions()}


def form_token(html: str) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', html)
    assert match, "the questionnaire carries a one-time token"
    return match.group(1)


def filled(page: SurveyPage, age="30-60岁", channels=("政府网站",), rating="4", text="") -> dict:
    field = names(page)
    return {
        field["您的年龄段"]: age,
        field["您常用的办事渠道"]: list(channels),
        field["您对政务服务的总体评价"]: rating,
        field["您的意见和建议"]: text,
    }


def answer(client, page: SurveyPage, data: dict, phone: str | None = None):
    """Open the questionnaire, then send it: what a browser does."""
    html = client.get(page.url).content.decode()
    payload = {**data, "form_token": form_token(html)}
    if phone is not None:
        payload["phone"] = phone
    return client.post(page.url, payload)
