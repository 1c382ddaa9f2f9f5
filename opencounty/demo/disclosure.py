"""Disclosure requests for the demo county, in every state and with every statutory outcome.

They go through the real actions, handled by the demo accounts; only their
submission and decision dates are then placed back in time, so that the demo
year's annual report has something in every row.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from opencounty.cases.models import Case
from opencounty.core import calendar
from opencounty.core.models import Unit
from opencounty.demo.dates import start_for
from opencounty.disclosure import actions
from opencounty.disclosure import kind as k
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.outcomes import SUB_REASONS, Outcome

T = DisclosureRequest.ApplicantType
SUBJECTS = [
    "城乡低保资金发放明细",
    "老旧小区改造项目招标文件",
    "耕地占补平衡台账",
    "义务教育学校招生计划",
    "农村危房改造补助名单",
    "河道整治工程验收报告",
    "食品安全抽检结果",
    "征地补偿安置方案",
]
HANDLERS = {
    "T01": ("chengguan_officer", "chengguan_reviewer"),
    "D02": ("jiaoyu_officer", "jiaoyu_reviewer"),
    "000": ("county_officer", "county_reviewer"),
}


def _outcomes() -> list[tuple[str, str]]:
    rows = [(Outcome.DISCLOSED, ""), (Outcome.PARTLY_DISCLOSED, "")]
    for outcome, reasons in SUB_REASONS.items():
        rows += [(outcome, code) for code, _label in reasons if code != "correction_overdue"]
    return rows


def _place(request: DisclosureRequest, submitted: date, decided: date | None = None) -> None:
    at = timezone.make_aware(datetime.combine(submitted, datetime.min.time()).replace(hour=9))
    Case.objects.filter(pk=request.case_id).update(submitted_at=at)
    if decided is not None:
        DisclosureRequest.objects.filter(pk=request.pk).update(decided_on=decided)


def build_requests(rng: random.Random, today: date) -> int:
    if DisclosureRequest.objects.exists():
        return 0
    User = get_user_model()
    handlers = {
        code: (User.objects.get(username=officer), User.objects.get(username=reviewer))
        for code, (officer, reviewer) in HANDLERS.items()
        if User.objects.filter(username=officer).exists()
    }
    if not handlers:
        return 0
    codes = sorted(handlers)
    types = [t for t, _label in T.choices]

    def new(n: int, submitted: date) -> tuple[DisclosureRequest, str]:
        code = codes[n % len(codes)]
        request, _query = actions.submit_request(
            unit=Unit.objects.get(code=code),
            applicant_type=types[n % len(types)],
            name="申请人" + "甲乙丙丁戊己庚辛"[n % 8],
            organisation_name=""
            if types[n % len(types)] == T.NATURAL_PERSON
            else f"示范县某某{n}号公司（虚构）",
            legal_representative=""
            if types[n % len(types)] == T.NATURAL_PERSON
            else "负责人（虚构）",
            id_type=DisclosureRequest.IdType.ID_CARD,
            id_number=f"0000001990{n:07d}X",
            phone=f"1390000{n:04d}",
            description=f"申请公开{rng.choice(SUBJECTS)}（演示）",
            form_wanted=DisclosureRequest.FormWanted.ELECTRONIC,
            delivery=DisclosureRequest.Delivery.ONLINE,
        )
        _place(request, submitted)
        return request, code

    def start(n: int, submitted: date, on: date | None = None):
        """Submitted, and registered on `on` (the next working day by default)."""
        request, code = new(n, submitted)
        officer, reviewer = handlers[code]
        on = on or calendar.add_working_days(submitted, 1)
        return request, actions.register(request.case, officer, on=on), officer, reviewer, on

    def due_in(n: int, remaining: int):
        """Registered so that `remaining` working days are left today (negative: overdue)."""
        on = start_for(k.ANSWER_DAYS, remaining, today)
        return start(n, on - timedelta(days=1), on)

    n = 0
    year_start = date(today.year, 1, 5)
    # Every outcome and sub-reason, decided this year.
    for outcome, sub_reason in _outcomes():
        submitted = year_start + timedelta(
            days=rng.randint(0, max(1, (today - year_start).days - 40))
        )
        request, case, officer, _reviewer, on = start(n, submitted)
        replied_on = None
        if sub_reason == "fee_overdue":
            case = actions.notify_fee(
                case, officer, on=on, method=DisclosureRequest.FeeMethod.BY_PAGES, pages=50
            )
            replied_on = calendar.add_working_days(case.disclosure.fee_due_on, 1)
        actions.reply(
            case,
            officer,
            outcome=outcome,
            sub_reason=sub_reason,
            text="经审查，现答复如下（演示）。",
            responsible_body="示范县民政局" if sub_reason == "not_held" else "",
            on=replied_on,
        )
        # Decided some working days after registration, but never after today.
        decided = max(on, min(calendar.add_working_days(on, rng.randint(3, 18)), today))
        _place(request, submitted, replied_on or decided)
        n += 1
    # Carried over from last year, decided in January.
    for _ in range(3):
        submitted = date(today.year - 1, 12, rng.randint(10, 20))
        request, case, officer, _reviewer, on = start(n, submitted)
        actions.reply(case, officer, outcome=Outcome.DISCLOSED, text="予以公开（演示）。")
        _place(request, submitted, date(today.year, 1, 12))
        n += 1
    # Open ones, in every state.
    recent = today - timedelta(days=3)
    new(n, recent)  # submitted, not yet registered
    n += 1
    due_in(n, -3)  # overdue: red
    n += 1
    due_in(n, 1)  # due soon: yellow
    n += 1
    request, case, officer, _r, on = start(n, today - timedelta(days=4))
    actions.request_correction(
        case, officer, on=calendar.add_working_days(on, 1), note="请补充所需信息的时间范围（演示）"
    )
    n += 1
    request, case, officer, reviewer, on = start(n, today - timedelta(days=10))
    actions.consult_third_party(
        case, officer, on=calendar.add_working_days(on, 2), third_party="示范县某某合作社（虚构）"
    )
    n += 1
    request, case, officer, reviewer, on = start(n, today - timedelta(days=20))
    actions.extend(case, reviewer, days=20, reason="涉及多个部门，需协调（演示）")
    n += 1
    request, case, officer, _r, on = start(n, today - timedelta(days=12))  # a fee to pay
    actions.notify_fee(
        case,
        officer,
        on=calendar.add_working_days(on, 2),
        method=DisclosureRequest.FeeMethod.BY_PAGES,
        pages=120,
    )
    n += 1
    request, case, officer, _r, on = start(n, today - timedelta(days=40))
    case = actions.request_correction(
        case, officer, on=calendar.add_working_days(on, 1), note="请补充身份证明（演示）", days=5
    )
    actions.withdraw_without_correction(case, officer, on=today)
    n += 1
    request, case, officer, _r, on = start(n, today - timedelta(days=30))
    case = actions.reply(case, officer, outcome=Outcome.DISCLOSED, text="予以公开（演示）。")
    actions.close(case, officer)
    n += 1
    return n
