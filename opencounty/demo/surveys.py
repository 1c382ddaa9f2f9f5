"""Online surveys for the demo county: two closed ones with results, one open.

Answers go through the real action while each survey is running; the survey's
dates and the answers' times are then placed back in time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from opencounty.core.models import Unit
from opencounty.interaction.models import SurveyAnswer, SurveyPage, SurveyQuestion
from opencounty.interaction.surveys.actions import answer_survey
from opencounty.portal.models import ColumnPage

SUGGESTIONS = [
    "希望网上办事的流程再简化一些。",
    "窗口工作人员态度很好，点赞。",
    "建议周末也能办理部分业务。",
    "停车位太少，希望增加。",
    "手机上填表有时候页面显示不全。",
    "希望多公开一些办事进度。",
    "排队时间较长，建议增加窗口。",
    "老年人使用自助机有困难，希望有人引导。",
]
Per = SurveyPage.OneAnswerPer


@dataclass(frozen=True)
class Question:
    label: str
    kind: str
    required: bool = True
    choices: tuple[str, ...] = ()
    weights: tuple[int, ...] = ()  # how often each choice (or rating 1-5) is picked


@dataclass(frozen=True)
class DemoSurvey:
    slug: str
    title: str
    intro: str
    started_days_ago: int
    lasts_days: int
    answers: int
    one_answer_per: str
    questions: tuple[Question, ...]


SURVEYS = [
    DemoSurvey(
        slug="service-satisfaction",
        title="政务服务满意度调查",
        intro="为进一步改进政务服务，县政务服务中心开展本次满意度调查（演示数据）。",
        started_days_ago=75,
        lasts_days=30,
        answers=320,
        one_answer_per=Per.BROWSER,
        questions=(
            Question("您的年龄段", "radio", True, ("30岁以下", "30-60岁", "60岁以上"), (3, 5, 2)),
            Question(
                "您通常通过哪些渠道办事",
                "checkboxes",
                True,
                ("政府网站", "政务服务大厅", "手机App", "电话咨询"),
                (6, 5, 4, 2),
            ),
            Question("您对政务服务的总体评价", "rating", True, (), (1, 2, 5, 9, 7)),
            Question("您的意见和建议", "multiline", False),
        ),
    ),
    DemoSurvey(
        slug="bus-routes",
        title="县城公交线路优化调查",
        intro="县交通运输局拟优化县城公交线路，欢迎市民参与调查（演示数据）。",
        started_days_ago=40,
        lasts_days=21,
        answers=240,
        one_answer_per=Per.BROWSER_AND_PHONE,
        questions=(
            Question(
                "您每周乘坐公交的次数", "radio", True, ("不坐", "1-3次", "4次以上"), (2, 5, 4)
            ),
            Question(
                "您希望新增通往哪些地方的线路",
                "checkboxes",
                True,
                ("县人民医院", "高铁站", "工业园区", "各乡镇"),
                (5, 7, 3, 4),
            ),
            Question("您对现有公交服务的评价", "rating", True, (), (2, 4, 6, 5, 2)),
            Question("其他意见", "multiline", False),
        ),
    ),
    DemoSurvey(
        slug="fitness-facilities",
        title="全民健身设施需求调查",
        intro="县文化体育部门了解群众对健身设施的需求，调查结束后公布结果（演示数据）。",
        started_days_ago=3,
        lasts_days=30,
        answers=36,
        one_answer_per=Per.BROWSER,
        questions=(
            Question(
                "您最需要的健身设施",
                "checkboxes",
                True,
                ("健身步道", "篮球场", "游泳馆", "老年活动室"),
                (6, 4, 3, 5),
            ),
            Question("您多久锻炼一次", "radio", True, ("每天", "每周几次", "很少"), (3, 5, 2)),
            Question("您的意见和建议", "multiline", False),
        ),
    ),
]


def _question(question: Question) -> SurveyQuestion:
    return SurveyQuestion(
        label=question.label,
        field_type=question.kind,
        required=question.required,
        choices="\n".join(question.choices),
    )


def _answer(question: Question, rng: random.Random):
    if question.kind == "radio":
        return rng.choices(question.choices, weights=question.weights)[0]
    if question.kind == "checkboxes":
        picked = [
            c
            for c, w in zip(question.choices, question.weights, strict=True)
            if rng.random() < w / 10
        ]
        return picked or [rng.choices(question.choices, weights=question.weights)[0]]
    if question.kind == "rating":
        return rng.choices([1, 2, 3, 4, 5], weights=question.weights)[0]
    return rng.choice(SUGGESTIONS) if rng.random() < 0.3 else ""


def _build(column: ColumnPage, spec: DemoSurvey, rng: random.Random, now: datetime) -> SurveyPage:
    opens_at = now - timedelta(days=spec.started_days_ago)
    closes_at = opens_at + timedelta(days=spec.lasts_days)
    page = SurveyPage(
        title=spec.title,
        slug=spec.slug,
        intro=f"<p>{spec.intro}</p>",
        opens_at=opens_at,
        closes_at=max(closes_at, now + timedelta(days=1)),  # open while the answers come in
        one_answer_per=spec.one_answer_per,
        first_published_at=opens_at,
        last_published_at=opens_at,
    )
    page.form_fields = [_question(q) for q in spec.questions]
    column.add_child(instance=page)
    names = [q.clean_name for q in page.questions()]
    for number in range(spec.answers):
        answer_survey(
            page,
            answers={name: _answer(q, rng) for name, q in zip(names, spec.questions, strict=True)},
            form_token=f"demo-{spec.slug}-{number}",
            phone=f"1380000{number:04d}" if page.limits_phone else "",
        )
    page.closes_at = closes_at
    page.save(update_fields=["closes_at"])
    _place_answers(page, opens_at, min(closes_at, now), rng)
    return page


def _place_answers(page: SurveyPage, start: datetime, end: datetime, rng: random.Random) -> None:
    answers = list(SurveyAnswer.objects.filter(page=page))
    span = (end - start).total_seconds()
    for answer in answers:
        answer.submit_time = start + timedelta(seconds=rng.uniform(0, span))
    SurveyAnswer.objects.bulk_update(answers, ["submit_time"], batch_size=500)


def build_surveys(rng: random.Random, now: datetime) -> int:
    """Add the demo surveys that are missing; returns how many were made."""
    home = Unit.objects.get(code="000").root_page
    column = ColumnPage.objects.child_of(home).filter(slug="interaction").first()
    if column is None:
        return 0
    made = 0
    for spec in SURVEYS:
        if SurveyPage.objects.child_of(column).filter(slug=spec.slug).exists():
            continue
        _build(column, spec, rng, now)
        made += 1
    return made
