"""Demo emergency data (应急值守): rosters for the next 30 days for every unit with one
deliberate gap, emergency contacts, a county plan, three incidents (one closed with its 终报,
one whose 续报 is overdue, one just phoned in) and one active yellow warning. The incidents and
the warning go through the actions, dated back from now, so the demo is the same on any date."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.demo import vocabulary as v
from opencounty.emergency import actions, incidents
from opencounty.emergency.models import DutyShift, EmergencyContact, PublicWarning

ROSTER_DAYS = 30
GAP_UNIT, GAP_OFFSET = "T02", 3  # 青石镇 has nobody on duty three days from today
OFFICE, CHENGGUAN, QINGSHI = "office_dispatcher", "chengguan_officer", "qingshi_officer"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def is_built() -> bool:
    """The phase has left its data (a half-built county completes what is missing)."""
    return PublicWarning.objects.exists()


def _person(rng: random.Random) -> str:
    return rng.choice(v.SURNAMES) + rng.choice(v.GIVEN)


def _rosters(rng: random.Random, units: list[Unit], today: date) -> int:
    shifts = []
    for unit in units:
        leaders = [_person(rng) for _ in range(3)]
        staff = [_person(rng) for _ in range(5)]
        for offset in range(ROSTER_DAYS):
            if unit.code == GAP_UNIT and offset == GAP_OFFSET:
                continue
            shifts.append(
                DutyShift(
                    unit=unit,
                    day=today + timedelta(days=offset),
                    leader_name=leaders[offset % len(leaders)],
                    leader_phone=f"139{rng.randrange(10**8):08d}",
                    staff_name=staff[offset % len(staff)],
                    staff_phone=f"0000-{7000000 + unit.order * 10 + offset % 10:07d}",
                )
            )
    DutyShift.objects.bulk_create(shifts, ignore_conflicts=True)
    return len(shifts)


def _contacts(rng: random.Random, units: list[Unit]) -> None:
    rows = []
    for unit in units:
        for group, position in (("leader", "主要负责人"), ("duty", "值班员")):
            rows.append(
                EmergencyContact(
                    unit=unit,
                    name=_person(rng),
                    position=position,
                    group=group,
                    mobile=f"138{rng.randrange(10**8):08d}",
                    office_phone=f"0000-{6000000 + unit.order:07d}",
                )
            )
    EmergencyContact.objects.bulk_create(rows)


def _incidents(users: dict, now: datetime) -> None:
    chengguan = Unit.objects.get(code="T01")
    qingshi = Unit.objects.get(code="T02")
    report = {"measures": "已启动应急预案，组织人员赶赴现场处置（演示数据）。", "missing": 0}

    # Closed with its final report: yesterday's road accident.
    start = now - timedelta(days=1, hours=3)
    case = incidents.submit_incident(
        users[CHENGGUAN],
        unit=chengguan,
        title="城关镇县道交通事故",
        incident_type="accident",
        level="4",
        occurred_at=start,
        place="城关镇县道12公里处",
        phoned_at=start + timedelta(minutes=12),
        text="一辆货车与客车相撞，造成2人受伤（演示数据）。",
        deaths=0,
        injured=2,
        now=start + timedelta(minutes=45),
        **report,
    )
    case = incidents.follow_up(
        case,
        users[CHENGGUAN],
        text="伤员已送县人民医院救治，道路恢复通行（演示数据）。",
        deaths=0,
        injured=2,
        now=start + timedelta(minutes=150),
        **report,
    )
    incidents.final_report(
        case,
        users[CHENGGUAN],
        text="事故处置完毕，伤员情况稳定，原因正在调查（演示数据）。",
        deaths=0,
        injured=2,
        now=start + timedelta(hours=5),
        **report,
    )

    # Its follow-up is overdue: reported on time this morning, nothing since.
    start = now - timedelta(hours=4)
    case = incidents.submit_incident(
        users[QINGSHI],
        unit=qingshi,
        title="青石镇山体滑坡",
        incident_type="natural",
        level="3",
        occurred_at=start,
        place="青石镇石门村",
        phoned_at=start + timedelta(minutes=10),
        text="强降雨引发山体滑坡，掩埋民房2间，1人被困（演示数据）。",
        deaths=0,
        injured=1,
        now=start + timedelta(minutes=40),
        **report,
    )
    incidents.instruct(
        case,
        users[OFFICE],
        leader="县长",
        text="全力搜救被困人员，防止次生灾害（演示数据）。",
        now=start + timedelta(minutes=70),
    )

    # Just phoned in: the written first report is due within the hour.
    start = now - timedelta(minutes=20)
    incidents.submit_incident(
        users[CHENGGUAN],
        unit=chengguan,
        title="城关镇农贸市场火情",
        incident_type="accident",
        level="4",
        occurred_at=start,
        place="城关镇农贸市场",
        phoned_at=start + timedelta(minutes=8),
        now=now,
    )


def build(rng: random.Random, today: date) -> str:
    """Build this part of the demo county; returns the line the build prints (in Chinese)."""
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=[OFFICE, CHENGGUAN, QINGSHI])
    }
    if len(users) < 3 or not Unit.objects.filter(code__in=["T01", "T02"]).count() == 2:
        return "应急值守：缺少演示账号，未生成"
    units = list(Unit.objects.order_by("kind", "order", "code"))
    shifts = _rosters(rng, units, today)
    _contacts(rng, units)
    actions.add_plan_version(
        users[OFFICE],
        unit=Unit.objects.get(code="001"),
        title=f"{v.COUNTY}突发事件总体应急预案",
        upload=ContentFile(PDF),
        file_name="zongti-yuan.pdf",
        note="2025年修订（演示数据）",
    )
    now = timezone.now()
    _incidents(users, now)
    actions.publish_warning(
        users[OFFICE],
        kind="rainstorm",
        level="yellow",
        area=f"{v.COUNTY}全境",
        text="预计未来12小时内有暴雨，局地大暴雨，请注意防范山洪和地质灾害（演示数据）。",
        valid_until=now + timedelta(hours=12),
        sms_units=Unit.objects.filter(kind=Unit.Kind.TOWNSHIP),
        sms_groups=["leader"],
        now=now - timedelta(minutes=30),
    )
    return (
        f"应急值守：{len(units)} 个单位 {ROSTER_DAYS} 天值班表 {shifts} 条（1 处空缺），"
        "突发事件 3 件，黄色预警 1 条"
    )
