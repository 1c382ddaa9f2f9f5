"""Demo video conferences (视频会议): the county centre and a room per township and some
departments, a year of conferences held (30余次) with their checklists, minutes, recordings and
attendance, today's conference with its checklist half done, upcoming ones approved and pending,
one refused. Everything goes through the actions, dated relative to `today`, so the demo is
the same on any date."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.meetings import actions
from opencounty.meetings.models import Conference, Room

OFFICE, TECHNICIAN = "office_headline", "office_dispatcher"
APPLICANTS = [
    ("000", "county_officer"),
    ("T01", "chengguan_officer"),
    ("D02", "jiaoyu_officer"),
    ("D20", "yingji_officer"),
]
DEPARTMENT_ROOMS = ("D02", "D20")
TOPICS = [
    "全县安全生产工作视频调度会",
    "全县防汛抗旱工作视频会议",
    "全县森林防灭火工作部署会",
    "全县经济运行分析视频会",
    "全县乡村振兴重点工作推进会",
    "全县营商环境优化提升视频会",
    "全县信访维稳工作视频会议",
    "全县教育系统秋季开学工作会",
    "全县应急管理工作视频调度会",
    "全县人居环境整治现场推进视频会",
]


def is_built() -> bool:
    return Room.objects.exists() and Conference.objects.exists()


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _room(actor, name: str, kind: str, unit: Unit | None, location: str, capacity: int, order: int):
    room = Room.objects.filter(name=name).first()
    if room is not None:
        return room
    data = {
        "name": name,
        "kind": kind,
        "unit": unit,
        "location": location,
        "capacity": capacity,
        "order": order,
        "active": True,
    }
    return actions.save_room(None, actor, data)


def _rooms(actor) -> tuple[Room, list[Room]]:
    office = Unit.objects.filter(kind=Unit.Kind.COUNTY_OFFICE).first()
    centre = _room(actor, "县视频会议中心", Room.Kind.CENTRE, office, "县政府大楼三楼", 120, 0)
    sites = []
    townships = Unit.objects.filter(kind=Unit.Kind.TOWNSHIP).order_by("order", "code")
    for order, unit in enumerate(townships, start=1):
        name, where = f"{unit.short_name}分会场", f"{unit.short_name}人民政府会议室"
        sites.append(_room(actor, name, Room.Kind.TOWNSHIP, unit, where, 40, order))
    for order, code in enumerate(DEPARTMENT_ROOMS, start=100):
        unit = Unit.objects.filter(code=code).first()
        if unit:
            name, where = f"{unit.short_name}分会场", f"{unit.short_name}会议室"
            sites.append(_room(actor, name, Room.Kind.DEPARTMENT, unit, where, 30, order))
    return centre, sites


def _apply(unit, applicant, title, start, hours, rooms, rng, *, needs="") -> Conference:
    return actions.apply(
        unit,
        applicant,
        {
            "title": title,
            "start": start,
            "end": start + timedelta(minutes=int(hours * 60)),
            "rooms": rooms,
            "participants": "主会场：县政府分管领导、相关部门主要负责人；"
            "分会场：乡镇（街道）主要负责人、分管负责人（演示数据）",
            "technical_needs": needs
            or rng.choice(["需全程录像", "需双流演示PPT", "需4支无线话筒", ""]),
        },
        at=min(timezone.now(), start - timedelta(days=5)),
    )


def build(rng: random.Random, today: date) -> str:
    users = get_user_model().objects
    office_user = users.filter(username=OFFICE).first()
    technician = users.filter(username=TECHNICIAN).first()
    applicants = [
        (unit, users.filter(username=name).first())
        for code, name in APPLICANTS
        if (unit := Unit.objects.filter(code=code).first())
    ]
    applicants = [(unit, user) for unit, user in applicants if user]
    if office_user is None or not applicants:
        return "视频会议：缺少演示账号，未生成"
    if is_built():
        return "视频会议：已有演示数据"
    centre, sites = _rooms(office_user)

    def pick_sites(k: int) -> list[Room]:
        return [centre, *rng.sample(sites, min(k, len(sites)))]

    held = 0
    # A year of conferences held: about one every ten days, at 9:00 or 15:00.
    for n, days_back in enumerate(range(340, 3, -10)):
        day = today - timedelta(days=days_back)
        if day.weekday() >= 5:
            day -= timedelta(days=day.weekday() - 4)
        start = _at(day, rng.choice([9, 15]))
        unit, applicant = applicants[n % len(applicants)]
        rooms = pick_sites(rng.randint(2, len(sites)))
        conference = _apply(
            unit, applicant, TOPICS[n % len(TOPICS)], start, rng.choice([1, 1.5, 2]), rooms, rng
        )
        actions.approve(
            conference, office_user, technician=technician, at=start - timedelta(days=3)
        )
        actions.keep_checklist(
            conference,
            technician or office_user,
            {name: True for name in ("test_call_done", "cameras_ok", "sound_ok", "recording_ok")},
            at=start - timedelta(minutes=40),
        )
        attendance = {
            room.pk: (rng.random() > 0.08, rng.randint(8, 60)) for room in conference.rooms.all()
        }
        actions.record_outcome(
            conference,
            office_user,
            minutes=f"{conference.title}传达了上级会议精神，部署了下一阶段工作，"
            "要求各乡镇、各部门抓好落实（演示数据）。",
            recording_location=f"视频会议录像存储服务器/{day:%Y}/{day:%m%d}-{conference.pk}",
            attendance=attendance,
            at=conference.end + timedelta(hours=2),
        )
        held += 1

    # Today: approved, test call done, the rest still to tick.
    unit, applicant = applicants[0]
    today_conference = _apply(
        unit, applicant, "全县冬季安全生产紧急视频调度会", _at(today, 15), 1.5, pick_sites(4), rng
    )
    actions.approve(
        today_conference,
        office_user,
        technician=technician,
        at=today_conference.start - timedelta(days=2),
    )
    actions.keep_checklist(
        today_conference,
        technician or office_user,
        {"test_call_done": True, "cameras_ok": True},
        "主会场摄像头已调试，分会场音响待确认（演示数据）",
        at=today_conference.start - timedelta(days=1),
    )

    # Upcoming: approved (one without a technician yet), pending, one refused.
    upcoming = [
        (2, 9, "全县重点项目建设视频推进会", "approved", technician),
        (4, 15, "全县森林防火工作视频调度会", "approved", None),
        (6, 9, "全县农村人居环境整治工作会", "approved", technician),
        (3, 10, "全县教育系统安全工作视频会", "pending", None),
        (8, 15, "全县应急演练工作部署视频会", "pending", None),
        (5, 15, "某乡镇内部工作例会", "refused", None),
    ]
    for n, (days_ahead, hour, title, state, tech) in enumerate(upcoming):
        unit, applicant = applicants[(n + 1) % len(applicants)]
        start = _at(today + timedelta(days=days_ahead), hour)
        conference = _apply(unit, applicant, title, start, 1.5, pick_sites(3), rng)
        decided = min(timezone.now(), start - timedelta(days=1))
        if state == "approved":
            actions.approve(conference, office_user, technician=tech, at=decided)
        elif state == "refused":
            actions.refuse(
                conference,
                office_user,
                "单位内部例会请使用本单位会议室，县视频会议系统用于全县性会议。",
                at=decided,
            )
    return (
        f"视频会议：{Room.objects.count()} 个会场，已召开 {held} 次，"
        f"今日 1 次，待召开 3 次，待审批 2 次，未批准 1 次"
    )
