"""Online applications for the demo county, in every state, through the real actions.

The items are the demo's live items that accept online applications, of departments
whose staff can act (window staff accept and decide; each department decides its own
step of a 联办件 and its own rectifications). Only the dates are then placed back in
time, so supervision shows yellow and red items and the ratings page has two months.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from opencounty.cases.models import Case, TimelineEvent
from opencounty.core import calendar
from opencounty.core.models import UnitGroup
from opencounty.demo import vocabulary as v
from opencounty.demo.dates import start_for, working_days_ago
from opencounty.services import actions
from opencounty.services import kinds as k
from opencounty.services.models import (
    Application,
    ApplicationStep,
    ItemKind,
    ItemType,
    Rectification,
    ServiceItemPage,
)

REPORT_TO = "市级主管部门"
MISSING = "申请表缺少申请人签字；请补充上传身份证明材料清晰扫描件。"


def _pdf(title: str) -> bytes:
    """A small but complete one-page PDF (with its cross-reference table)."""
    text = f"BT /F1 14 Tf 72 770 Td (OpenCounty demo material: {title}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(text) + text + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _id_number(n: int) -> str:
    """A well-formed fictional resident ID number (GB 11643 check digit)."""
    body = f"990101198{n % 10}0{1 + n % 9}1{n % 10}{100 + n:03d}"[:17]
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _form_data(item: ServiceItemPage, name: str, phone: str, on: date) -> dict:
    values = {"text": name, "textarea": "（演示）申请办理本事项。", "number": "1"}
    data = {}
    for field in item.form_fields.all():
        if field.name == "phone":
            data[field.name] = phone
        elif field.field_type == "choice":
            data[field.name] = field.choices.split("、")[0]
        elif field.field_type == "date":
            data[field.name] = on.isoformat()
        else:
            data[field.name] = values[field.field_type]
    return data


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class Demo:
    """The people and items the demo applications are made with."""

    def __init__(self, rng: random.Random, today: date):
        self.rng, self.today, self.made = rng, today, 0
        self.staff = _unit_staff()
        self.pools = _pools(self.staff, rng)

    def pick(self, kind: str, licensing: bool = False) -> ServiceItemPage | None:
        pool = self.pools[(kind, licensing)] or ([] if licensing else self.pools[(kind, True)])
        return pool[self.made % len(pool)] if pool else None

    def window_staff(self, item: ServiceItemPage):
        if item.window_id:
            seat = item.window.staff.order_by("username").first()
            if seat is not None:
                return seat
        return self.staff[item.department_id]

    def apply(self, item: ServiceItemPage, submitted: date) -> Case:
        self.made += 1
        n = self.made
        name = self.rng.choice(v.SURNAMES) + self.rng.choice(v.GIVEN)
        phone = f"1390000{n:04d}"
        uploads = [
            (m, m.name, SimpleUploadedFile(f"{m.name}.pdf", _pdf(f"material {n}-{i}")))
            for i, m in enumerate(item.materials.filter(required=True), start=1)
        ]
        application, _code = actions.submit_application(
            item=item,
            name=name,
            id_number=_id_number(n),
            phone=phone,
            form_data=_form_data(item, name, phone, submitted),
            uploads=uploads,
        )
        _place(application.case, submitted)
        return application.case

    def accepted(self, item: ServiceItemPage, on: date, **kwargs) -> Case:
        case = self.apply(item, working_days_ago(on, 1))
        return actions.accept(case, self.window_staff(item), on=on, **kwargs)

    def completed(self, item: ServiceItemPage, on: date, done: date, number: str) -> Case:
        if item.item_kind == ItemKind.IMMEDIATE:
            case = self.accepted(item, done, complete_at_once=True, document_number=number)
        else:
            case = actions.approve(
                self.accepted(item, on), self.window_staff(item), document_number=number
            )
        _place_done(case, done)
        return case


def _unit_staff() -> dict[int, object]:
    """One member per unit (the first by username) who may act for it."""
    users = get_user_model().objects
    staff = {}
    for link in UnitGroup.objects.order_by("unit_id", "role"):
        user = users.filter(groups=link.group).order_by("username").first()
        if user is not None:
            staff.setdefault(link.unit_id, user)
    return staff


def _pools(staff: dict, rng: random.Random) -> dict:
    """Live online items by (kind, licensing), of staffed departments; a 联办件 only when every
    department with a step has staff too. Shuffled by the seed."""
    items = (
        ServiceItemPage.objects.live()
        .filter(online_application=True, department_id__in=list(staff))
        .select_related("window")
        .order_by("code")
    )
    pools = defaultdict(list)
    for item in items:
        if item.item_kind == ItemKind.JOINT:
            units = {s.unit_id for s in item.steps.all() if s.unit_id}
            if len(units) < 2 or not units <= set(staff):
                continue
        pools[(item.item_kind, item.item_type == ItemType.LICENSING)].append(item)
    for pool in pools.values():
        rng.shuffle(pool)
    return pools


# -- dates -------------------------------------------------------------------------------


def _place(case: Case, submitted: date) -> None:
    at = _at(submitted, 9)
    Case.objects.filter(pk=case.pk).update(submitted_at=at)
    TimelineEvent.objects.filter(case=case).update(at=at)


def _place_done(case: Case, done: date) -> None:
    """Move the decision (and what followed it) to `done`."""
    at = _at(done, 16)
    fields = {"closed_at": at} if case.closed_at else {}
    Case.objects.filter(pk=case.pk).update(**fields)
    TimelineEvent.objects.filter(case=case).exclude(verb="submit").update(at=at)
    Application.objects.filter(case=case, completed_on__isnull=False).update(completed_on=done)
    ApplicationStep.objects.filter(application__case=case, decision__gt="").update(decided_at=at)
    Application.objects.filter(case=case, notice_given_at__isnull=False).update(notice_given_at=at)


def _rated(case: Case, overall: int, on: date, comment: str) -> Case:
    others = max(1, min(5, overall + 1))
    rated = actions.rate(
        case,
        overall=overall,
        efficiency=overall,
        guide=others,
        convenience=others,
        comment=comment,
        on=on,
    )
    at = _at(on, 11)
    Application.objects.filter(case=case).update(rated_at=at)
    TimelineEvent.objects.filter(case=case, verb="rate").update(at=at)
    return rated


def _place_rectification(fix: Case, opened: date) -> None:
    """The rectification's clock already runs from `opened` (the rating's day); move its
    arrival there too."""
    Case.objects.filter(pk=fix.pk).update(submitted_at=_at(opened, 11))
    TimelineEvent.objects.filter(case=fix).update(at=_at(opened, 11))


def _number(case: Case, n: int) -> str:
    return f"示范审批〔{case.submitted_at.year}〕第{n:04d}号"


# -- the scenarios -----------------------------------------------------------------------


def _waiting(demo: Demo) -> None:
    """待受理, a one-time notice waiting for the applicant, one supplemented, two rejected."""
    t = demo.today
    for days in range(4):
        demo.apply(
            demo.pick(ItemKind.PROMISED) or demo.pick(ItemKind.IMMEDIATE), working_days_ago(t, days)
        )
    item = demo.pick(ItemKind.PROMISED)
    case = demo.apply(item, working_days_ago(t, 3))
    actions.notify_missing(case, demo.window_staff(item), missing=MISSING)
    _place_done(case, working_days_ago(t, 2))
    case = demo.apply(item, working_days_ago(t, 5))
    actions.notify_missing(case, demo.window_staff(item), missing=MISSING)
    pdf = SimpleUploadedFile("补正材料.pdf", _pdf("supplement"))
    actions.supplement(case, note="已补充签字并上传身份证明。", uploads=[(None, "补正材料", pdf)])
    _place_done(case, working_days_ago(t, 1))
    for days, reasons in [
        (8, "申请事项不属于本部门职权范围，请向县自然资源局申请。"),
        (15, "申请人不符合受理条件：经营场所尚未取得不动产权证书。"),
    ]:
        item = demo.pick(ItemKind.PROMISED)
        case = demo.apply(item, working_days_ago(t, days))
        actions.reject(case, demo.window_staff(item), reasons=reasons)
        _place_done(case, working_days_ago(t, days - 1))


def _in_progress(demo: Demo) -> None:
    """承诺件 in progress (two on time, one yellow, one red) and a 上报件 reported."""
    t = demo.today
    for days in (0, 1):
        demo.accepted(demo.pick(ItemKind.PROMISED), working_days_ago(t, days))
    warning = k.APPLICATION.warning_window
    for remaining in (warning - 1, -3):
        item = demo.pick(ItemKind.PROMISED)
        demo.accepted(item, start_for(item.time_limit(), remaining, t))
    item = demo.pick(ItemKind.REPORTED)
    if item is not None:
        case = demo.accepted(item, working_days_ago(t, 1))
        actions.report(case, demo.window_staff(item), to=REPORT_TO)
        _place_done(case, working_days_ago(t, 0))


def _decide_steps(demo: Demo, case: Case, decisions: list[str | None]) -> None:
    """One decision per step in order: "approve", a reason to refuse, or None (pending)."""
    steps = list(ApplicationStep.objects.filter(application__case=case).order_by("id"))
    for item_step, decision in zip(steps, decisions, strict=False):
        actor = demo.staff[item_step.unit_id]
        if decision == "approve":
            actions.approve_step(item_step, actor, document_number=_number(case, demo.made))
        elif decision:
            actions.refuse_step(item_step, actor, reasons=decision)


def _joint(demo: Demo) -> None:
    """联办件: one with a step done and one overdue, one approved, one refused by a department."""
    item = demo.pick(ItemKind.JOINT)
    if item is None:
        return
    t = demo.today
    days = max(s.days for s in item.steps.all() if s.unit_id)
    case = demo.accepted(item, start_for(days, -2, t))
    _decide_steps(demo, case, ["approve"])
    _place_done(case, working_days_ago(t, 4))
    case = demo.accepted(item, working_days_ago(t, 15))
    _decide_steps(demo, case, ["approve"] * 3)
    _place_done(case, working_days_ago(t, 10))
    case = demo.accepted(item, working_days_ago(t, 12))
    _decide_steps(demo, case, ["approve", "经现场核查，消防安全条件不符合要求，不同意。"])
    _place_done(case, working_days_ago(t, 6))


def _licensing(demo: Demo) -> list[ServiceItemPage]:
    kinds = (ItemKind.PROMISED, ItemKind.IMMEDIATE, ItemKind.REPORTED)
    return [item for kind in kinds for item in demo.pools[(kind, True)]] or [
        demo.pick(ItemKind.PROMISED)
    ]


def _completed(demo: Demo) -> None:
    """即办件 completed at once, licensing results approved, one refused."""
    t = demo.today
    for days in (0, 3, 9):
        item = demo.pick(ItemKind.IMMEDIATE)
        if item is not None:
            demo.completed(item, t, working_days_ago(t, days), f"示范即办第{demo.made + 1:04d}号")
    items = _licensing(demo)
    for index, days in enumerate((2, 6, 11, 17, 24)):
        item = items[index % len(items)]
        demo.completed(
            item,
            working_days_ago(t, days + 8),
            working_days_ago(t, days),
            f"示范许可第{demo.made + 1:04d}号",
        )
    item = items[0]
    case = demo.accepted(item, working_days_ago(t, 14))
    actions.refuse(case, demo.window_staff(item), reasons="经现场核查，经营场所不符合要求。")
    _place_done(case, working_days_ago(t, 7))


RATINGS = [
    # overall, last month?, comment
    (5, True, "网上申请一次办好，不用跑腿。"),
    (4, False, "办理及时，指南清楚。"),
    (3, True, "办理时间偏长。"),
    (2, True, "窗口让我多跑了一趟。"),
    (1, False, "材料要求前后不一致，来回折腾。"),
]


def _rating_days(today: date) -> tuple[date, date]:
    """A working day in last month and one in this month (today at the earliest of the month)."""
    first = today.replace(day=1)
    last_month = working_days_ago(first - timedelta(days=10), 0)
    return last_month, max(first, today - timedelta(days=3))


def _ratings(demo: Demo) -> None:
    """Ratings 5, 4, 3 and two bad ones: one rectification fed back, one appealed."""
    last_month, this_month = _rating_days(demo.today)
    items = _licensing(demo) + [demo.pick(ItemKind.PROMISED)]
    for index, (overall, earlier, comment) in enumerate(RATINGS):
        on = last_month if earlier else this_month
        item = items[index % len(items)]
        done = min(on, demo.today)
        case = demo.completed(
            item, working_days_ago(done, 6), done, f"示范许可第{demo.made + 1:04d}号"
        )
        _rated(case, overall, on, comment)
        if overall <= actions.BAD_RATING:
            _rectify(demo, case, on, appeal=not earlier)


def _rectify(demo: Demo, case: Case, opened: date, *, appeal: bool) -> None:
    fix = Rectification.objects.get(application__case=case).case
    _place_rectification(fix, opened)
    actor = demo.staff[fix.unit_id]
    fix = actions.record_outcome(
        fix, actor, outcome="已约谈窗口负责人，统一材料要求并在指南中补充说明。（演示）"
    )
    fix = actions.feed_back(fix, actor)
    back = min(calendar.add_working_days(opened, 2), demo.today)
    at = _at(back, 15)
    Case.objects.filter(pk=fix.pk).update(replied_at=at, closed_at=at)
    Rectification.objects.filter(case=fix).update(fed_back_at=at)
    TimelineEvent.objects.filter(case=fix).exclude(verb="submit").update(at=at)
    if appeal:
        actions.appeal(fix, text="整改只是口头说明，问题没有实际解决，申请复查。")


def build_applications(rng: random.Random, today: date) -> int:
    """About 35 applications in every state; returns how many (0 when they exist already)."""
    if Application.objects.exists():
        return 0
    demo = Demo(rng, today)
    if demo.pick(ItemKind.PROMISED) is None:
        return 0
    for scenario in (_waiting, _in_progress, _joint, _completed, _ratings):
        scenario(demo)
    return demo.made
