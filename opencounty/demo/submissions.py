"""Demo information submissions: a year of items from the units that have demo accounts,
adopted into the four bulletins month by month, some taken up by the city, the province and a
leader's pen, a ranking with a clear leader and laggards, one late 专报 (and one still overdue in
its unit), one merged item, and
items waiting at every step for 我的待办. Everything goes through the actions, dated back from
today, so the demo is the same on any date."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.submissions import actions
from opencounty.submissions.models import Bulletin, BulletinIssue, Submission

# unit code, officer, approver, items in the year, share adopted
AUTHORS = [
    ("T01", "chengguan_officer", "chengguan_reviewer", 30, 0.85),
    ("D02", "jiaoyu_officer", "jiaoyu_reviewer", 16, 0.6),
    ("D20", "yingji_officer", "yingji_reviewer", 8, 0.5),
    ("T02", "qingshi_officer", "qingshi_reviewer", 7, 0.3),
]
EDITOR, SIGNER = "office_dispatcher", "office_headline"
TOPICS = {
    "news": [
        "{u}推进老旧小区改造惠及群众",
        "{u}开展安全生产大检查",
        "{u}举办农民丰收节活动",
        "{u}召开重点项目推进会",
        "{u}扎实推进营商环境优化",
    ],
    "brief": ["{u}完成春季植树造林任务", "{u}启动防汛备汛工作", "{u}组织志愿服务进社区"],
    "key": ["{u}主要负责同志调研重点产业链建设", "{u}部署下半年经济工作"],
    "research": ["关于{u}农村集体经济发展情况的调研", "{u}推进基层治理的做法与思考"],
}
BODY = (
    "{title}。\n近期，{u}围绕年度重点任务，细化工作措施，明确责任分工，确保各项工作落地见效。"
    "\n下一步，{u}将持续跟踪推进，及时总结经验做法（演示数据）。"
)
BULLETIN_OF = {
    "news": Bulletin.AFFAIRS,
    "brief": Bulletin.AFFAIRS,
    "key": Bulletin.POLITICS,
    "research": Bulletin.RESEARCH,
    "special": Bulletin.SPECIAL,
}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _people(users, code: str, officer: str, approver: str):
    unit = Unit.objects.filter(code=code).first()
    writer = users.filter(username=officer).first()
    leader = users.filter(username=approver).first()
    return (unit, writer, leader) if unit and writer and leader else None


def _write(unit, officer, approver, day: date, category: str, rng: random.Random, **extra):
    title = extra.pop("title", None) or rng.choice(TOPICS[category]).format(u=unit.short_name)
    data = {
        "title": title,
        "body": BODY.format(title=title, u=unit.short_name),
        "category": category,
        "urgency": "normal",
        "keywords": unit.short_name,
        "source_note": "原始材料已在本单位存档（演示数据）" if category != "news" else "",
        **extra,
    }
    item = actions.save_draft(unit, officer, data, at=_at(day, 9))
    actions.request_approval(item, officer, at=_at(day, 9, 30))
    if approver is None:
        return item
    return actions.approve(item, approver, at=_at(day, 10))


def build_submissions(rng: random.Random, today: date) -> int:
    """Idempotent: a county that has items is left alone. Returns the items made."""
    if Submission.objects.exists():
        return 0
    users = get_user_model().objects
    editor, signer = users.filter(username=EDITOR).first(), users.filter(username=SIGNER).first()
    authors = [
        (people, count, share)
        for code, officer, approver, count, share in AUTHORS
        if (people := _people(users, code, officer, approver))
    ]
    if not (editor and signer and authors):
        return 0
    sent: list[tuple[date, Submission]] = []
    for (unit, officer, approver), count, share in authors:
        for _ in range(count):
            day = today - timedelta(days=rng.randint(8, 360))
            category = rng.choice(["news", "news", "brief", "key", "research"])
            item = _write(unit, officer, approver, day, category, rng)
            if rng.random() < share:
                sent.append((day, item))
            elif rng.random() < 0.3:
                actions.return_submission(
                    item,
                    editor,
                    "要素不全，请补充具体数据后重新报送（演示数据）。",
                    at=_at(day + timedelta(days=1), 9),
                )
    made = sum(count for _people, count, _share in authors)
    first_unit, first_officer, first_approver = authors[0][0]
    last_unit, last_officer, last_approver = authors[-1][0]
    # One late 专报: sent two and a half hours after the event (the limit is one hour).
    event_day = today - timedelta(days=20)
    late = _write(
        last_unit,
        last_officer,
        last_approver,
        event_day,
        "special",
        rng,
        urgency="very_urgent",
        title=f"{last_unit.short_name}突发山体滑坡已妥善处置",
        event_at=_at(event_day, 7, 30),
        source_note="现场照片、处置记录已存档（演示数据）",
    )
    sent.append((event_day, late))
    # One 专报 still in its unit two hours after the event: red on the supervision board.
    now = timezone.now()
    actions.save_draft(
        last_unit,
        last_officer,
        {
            "title": f"{last_unit.short_name}一处民房因暴雨倒塌",
            "body": BODY.format(title="民房因暴雨倒塌", u=last_unit.short_name),
            "category": "special",
            "urgency": "very_urgent",
            "keywords": last_unit.short_name,
            "source_note": "现场照片待上传（演示数据）",
            "event_at": now - timedelta(hours=2),
        },
        at=now - timedelta(minutes=100),
    )
    # One merged item: the last unit's report folded into the first unit's on the same work.
    merge_day = today - timedelta(days=30)
    lead = _write(first_unit, first_officer, first_approver, merge_day, "research", rng)
    folded = _write(last_unit, last_officer, last_approver, merge_day, "research", rng)
    actions.merge(lead, [folded], editor, at=_at(merge_day + timedelta(days=1), 9))
    sent.append((merge_day, lead))
    made += 4
    _adopt_by_month(sorted(sent, key=lambda pair: pair[0]), first_unit, editor, signer, today)
    made += _waiting(authors, editor, today, rng)
    return made


def _adopt_by_month(sent, leader: Unit, editor, signer, today: date) -> None:
    """Monthly issues of each bulletin, in date order (numbers run with the dates), signed."""
    issues: dict[tuple[str, int, int], BulletinIssue] = {}
    adopted = []
    for day, item in sent:
        if item is None:
            continue
        on = min(day + timedelta(days=2), today)
        bulletin = BULLETIN_OF[item.category]
        key = (bulletin, on.year, on.month)
        if key not in issues:
            issues[key] = actions.create_issue(bulletin, editor, on=on)
        actions.adopt(item, issues[key], editor, on=on, at=_at(on, 15))
        adopted.append((on, item))
    for issue in issues.values():
        actions.sign_issue(issue, signer, at=_at(issue.issued_on, 17))
    # The city, the province and a leader take up the first unit's latest items.
    upward = [
        item
        for on, item in adopted
        if item.unit_id == leader.pk and on <= today - timedelta(days=10)
    ]
    for position, item in enumerate(reversed(upward[-6:])):
        on = timezone.localtime(item.submitted_at).date() + timedelta(days=7)
        level = ["city", "city", "province", "instruction", "city", "national"][position]
        note = (
            "县长批示：经验做法很好，请相关部门学习借鉴（演示数据）。"
            if level == "instruction"
            else ""
        )
        actions.record_upward(item, level, editor, on=on, note=note, at=_at(on, 16))


def _waiting(authors, editor, today: date, rng: random.Random) -> int:
    """This week: a 《政务信息》 issue dated today with two items, waiting for its 签发 (so the
    current month and year always have scores); items sent and undecided, items awaiting the
    leader, a draft."""
    made = 0
    issue = actions.create_issue(Bulletin.AFFAIRS, editor, on=today)
    for (unit, officer, approver), _count, _share in authors[:2]:
        item = _write(unit, officer, approver, today - timedelta(days=1), "news", rng)
        actions.adopt(item, issue, editor, on=today, at=_at(today, 8))
        made += 1
    for position, ((unit, officer, approver), _count, _share) in enumerate(authors):
        day = today - timedelta(days=position % 3)
        _write(unit, officer, approver, day, "news", rng)
        made += 1
        if position < 2:
            _write(unit, officer, None, day, "brief", rng)  # waits for the leader
            made += 1
    first_unit, first_officer, _approver = authors[0][0]
    actions.save_draft(
        first_unit,
        first_officer,
        {
            "title": f"{first_unit.short_name}筹备秋季招商推介会",
            "body": "草稿（演示数据）。",
            "category": "news",
        },
        at=_at(today, 8),
    )
    return made + 1
