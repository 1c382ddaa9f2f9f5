"""Mailbox letters for the demo county, in every state, through the real actions.

Only their dates are then placed back in time (arrival, clock start, reply), so the
public list, the statistics and the yellow/red marks have something to show.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from opencounty.cases.models import Case
from opencounty.core import calendar
from opencounty.core.models import Unit
from opencounty.demo.dates import start_for
from opencounty.interaction.letters import actions
from opencounty.interaction.models import Letter

K = Letter.Kind
TOPICS = [
    (
        K.CONSULTATION,
        "新生儿医保参保咨询",
        "孩子刚出生，请问在哪里办理城乡居民医保参保？需要带哪些材料？",
    ),
    (
        K.COMPLAINT,
        "夜间施工噪音扰民",
        "幸福路工地连续多晚施工到凌晨，严重影响休息，请有关部门处理。",
    ),
    (
        K.SUGGESTION,
        "建议增设学校门口减速带",
        "城关二小门口车速快，上下学时段存在安全隐患，建议增设减速带和护学岗。",
    ),
    (K.HELP, "独居老人取暖求助", "我母亲独居，家中取暖设备损坏，经济困难，请求帮助。"),
    (K.CONSULTATION, "义务教育入学报名时间", "请问今年秋季一年级入学报名的时间和需要准备的材料。"),
    (K.COMPLAINT, "小区路灯长期不亮", "青石镇新村小区路灯坏了两个多月，晚上出行不便。"),
    (
        K.SUGGESTION,
        "建议延长便民服务中心周末服务时间",
        "上班族工作日没时间办事，建议周六上午开放部分窗口。",
    ),
    (K.CONSULTATION, "农村建房审批流程", "想在自家宅基地上翻建住房，需要办理哪些手续？"),
]
REPLY = "您好！来信收悉。经了解，{answer}感谢您对我们工作的关心和支持。（演示）"


def _writer(n: int) -> dict:
    return {
        "name": "来信人" + "甲乙丙丁戊己庚辛壬癸"[n % 10],
        "phone": f"1370000{n:04d}",
        "email": "",
        "client_ip": f"198.51.100.{n % 250 + 1}",
    }


def _place(case: Case, arrived: date, replied: date | None = None) -> None:
    """Move a letter's arrival (and reply) back in time; its clock already runs from
    `arrived`, given when it was written."""
    at = timezone.make_aware(datetime.combine(arrived, datetime.min.time()).replace(hour=10))
    fields = {"submitted_at": at}
    if replied is not None:
        fields["replied_at"] = timezone.make_aware(
            datetime.combine(replied, datetime.min.time()).replace(hour=16)
        )
        if case.closed_at is not None:
            fields["closed_at"] = fields["replied_at"] + timedelta(days=1)
    Case.objects.filter(pk=case.pk).update(**fields)
    Letter.objects.filter(case=case, published_at__isnull=False).update(
        published_at=fields.get("replied_at")
    )


def build_letters(rng: random.Random, today: date) -> int:
    if Letter.objects.exists():
        return 0
    users = get_user_model().objects
    names = [
        "office_dispatcher",
        "chengguan_officer",
        "chengguan_reviewer",
        "jiaoyu_officer",
        "jiaoyu_reviewer",
    ]
    if users.filter(username__in=names).count() < len(names):
        return 0
    dispatcher, cg_officer, cg_reviewer, jy_officer, jy_reviewer = (
        users.get(username=name) for name in names
    )
    t01, d02 = Unit.objects.get(code="T01"), Unit.objects.get(code="D02")
    handlers = {t01.pk: (cg_officer, cg_reviewer), d02.pk: (jy_officer, jy_reviewer)}
    made = 0

    def letter(n: int, arrived: date, *, may_publish: bool = True, **overrides) -> Letter:
        nonlocal made
        kind, title, content = TOPICS[n % len(TOPICS)]
        fields = {"letter_kind": kind, "addressed_to": None, "title": title, "content": content}
        made += 1
        return actions.submit_letter(
            **(fields | _writer(n) | {"may_publish": may_publish} | overrides),
            received_on=arrived,
        )[0]

    def answered(
        n: int, unit: Unit, arrived: date, *, may_publish: bool = True, publish: bool = True
    ) -> Case:
        officer, reviewer = handlers[unit.pk]
        case = actions.route(
            letter(n, arrived, may_publish=may_publish).case, dispatcher, to_unit=unit
        )
        case = actions.draft_reply(
            case, officer, text=REPLY.format(answer="相关情况已核实并作出安排。")
        )
        case = actions.approve_reply(case, reviewer)
        if may_publish and publish:
            case = actions.publish_reply(case, reviewer)  # 选登
        return case

    # Replies over the last months, some rated; all but one selected for publication (选登),
    # and that one, unrated, waits for the reviewer's decision and for 办结 after its rating period.
    for n in range(8):
        unit = t01 if n % 2 else d02
        arrived = today - timedelta(days=20 + 11 * n)
        case = answered(n, unit, arrived, publish=n != 2)
        if n % 3 == 0:
            case = actions.rate(case, rating=Letter.Rating.SATISFIED, comment="答复及时。")
        elif n % 3 == 1:
            case = actions.rate(case, rating=Letter.Rating.BASICALLY_SATISFIED)
        _place(case, arrived, calendar.add_working_days(arrived, rng.randint(2, 5)))
    # A private reply, and a reopened one.
    case = answered(8, t01, today - timedelta(days=25), may_publish=False)
    _place(case, today - timedelta(days=25), today - timedelta(days=20))
    case = answered(9, t01, today)
    actions.rate(case, rating=Letter.Rating.DISSATISFIED, comment="问题没有解决。", reopen=True)
    # With the units: one overdue (red), one due soon (yellow), one draft waiting for review.
    arrived = start_for(settings.LETTER_REPLY_DAYS[K.COMPLAINT], -4, today)
    red = actions.route(letter(10, arrived, letter_kind=K.COMPLAINT).case, dispatcher, to_unit=t01)
    _place(red, arrived)
    arrived = start_for(settings.LETTER_REPLY_DAYS[K.CONSULTATION], 1, today)
    yellow = actions.route(
        letter(11, arrived, letter_kind=K.CONSULTATION).case, dispatcher, to_unit=d02
    )
    _place(yellow, arrived)
    draft = actions.route(letter(12, today).case, dispatcher, to_unit=t01)
    actions.draft_reply(draft, cg_officer, text=REPLY.format(answer="已安排专人核查。"))
    # Waiting for the dispatchers: an ordinary one, a held repeat, and one closed as spam.
    first = letter(13, today)
    letter(14, today, content=first.content, phone=first.case.submitter_phone)
    spam = letter(15, today, title="低价代办证件", content="专业代办各类证件，价格优惠，联系微信。")
    actions.close_invalid(spam.case, dispatcher, reason="广告信息，不予受理。")
    return made
