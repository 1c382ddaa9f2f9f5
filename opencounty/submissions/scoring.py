"""Scores and rankings, derived from the records every time (never typed in, never stored).

The formula (docs/submissions.md), with the points of the office's rule table (`ScoringRule`):

- an item adopted into a bulletin issue scores the points of that bulletin, on its adoption date;
- each adoption above the county (city, province, national) scores the points of its level, and
  a leader's instruction (批示) the 批示 bonus, on the date recorded;
- a piece merged from several items (合并) scores once and the points are shared equally by
  every item in it (the lead and the merged ones), each share, rounded to 0.01, going to the
  item's own unit and officer;
- a 专报 sent later than the configured hours after its event loses the late deduction, on
  the day it was sent;
- a unit's target for a period is its yearly target × the months of the period / 12.

Units are ranked by points (ties share a rank: 1, 2, 2, 4).
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit
from opencounty.submissions.models import (
    Category,
    ScoringRule,
    Submission,
    UpwardAdoption,
)

CENT = Decimal("0.01")
DEFAULT_POINTS = {
    "bulletin_politics": Decimal(8),
    "bulletin_affairs": Decimal(5),
    "bulletin_research": Decimal(8),
    "bulletin_special": Decimal(5),
    "city": Decimal(10),
    "province": Decimal(20),
    "national": Decimal(30),
    "instruction": Decimal(10),
    "late_special": Decimal(2),
    "yearly_target": Decimal(60),
}
PERIODS = {"year": _("年度"), "quarter": _("季度"), "month": _("月度")}
SCORED_KINDS = (Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT)


@dataclass(frozen=True)
class Period:
    kind: str  # year, quarter or month
    year: int
    part: int = 1  # the quarter (1-4) or month (1-12)

    @property
    def start(self) -> date:
        month = {"year": 1, "quarter": 3 * self.part - 2, "month": self.part}[self.kind]
        return date(self.year, month, 1)

    @property
    def months(self) -> int:
        return {"year": 12, "quarter": 3, "month": 1}[self.kind]

    @property
    def end(self) -> date:
        last_month = self.start.month + self.months - 1
        return date(self.year, last_month, month_calendar.monthrange(self.year, last_month)[1])

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "quarter":
            return f"{self.year}年第{self.part}季度"
        return f"{self.year}年{self.part}月"


def period(kind: str, year: int, part: int = 1) -> Period:
    """A period, checked: a wrong one is a ValueError (with a Chinese message)."""
    if kind not in PERIODS:
        raise ValueError("统计周期不正确。")
    if not 2000 <= year <= 2100:
        raise ValueError("年度不正确。")
    limit = {"year": 1, "quarter": 4, "month": 12}[kind]
    if not 1 <= part <= limit:
        raise ValueError("季度或月份不正确。")
    return Period(kind, year, part if kind != "year" else 1)


def rule_points() -> dict[str, Decimal]:
    points = dict(DEFAULT_POINTS)
    points.update(dict(ScoringRule.objects.values_list("key", "points")))
    return points


@dataclass
class Score:
    """One unit's (or one officer's) figures for a period."""

    key: int
    name: str
    points: Decimal = Decimal(0)
    adopted: int = 0  # items adopted by the county (merged items each count)
    upward: int = 0  # adoptions above the county
    instructions: int = 0
    late: int = 0  # late 专报
    target: Decimal | None = None
    rank: int = 0
    lines: list[tuple[str, str, Decimal]] = field(default_factory=list)

    @property
    def reached(self) -> bool | None:
        return None if self.target is None else self.points >= self.target


def _share(points: Decimal, members: int) -> Decimal:
    return (points / members).quantize(CENT, rounding=ROUND_HALF_UP)


def _bounds(p: Period) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(p.start, time.min, tzinfo=zone),
        datetime.combine(p.end, time.max, tzinfo=zone),
    )


def _groups(leads) -> dict[int, list[Submission]]:
    """Each lead item with the items merged into it."""
    groups = {lead.pk: [lead] for lead in leads}
    merged = Submission.objects.filter(merged_into__in=list(groups)).select_related(
        "unit", "author"
    )
    for item in merged.order_by("pk"):
        groups[item.merged_into_id].append(item)
    return groups


def _credits(p: Period, points: dict[str, Decimal]):
    """Yield (item, points, what, counter) for every scoring event in the period."""
    adopted = list(
        Submission.objects.filter(
            state=Submission.State.ADOPTED,
            issue__isnull=False,
            adopted_on__range=(p.start, p.end),
        ).select_related("unit", "author", "issue")
    )
    upward = list(
        UpwardAdoption.objects.filter(adopted_on__range=(p.start, p.end)).select_related(
            "submission__unit", "submission__author"
        )
    )
    groups = _groups({*adopted, *(u.submission for u in upward)})
    for lead in adopted:
        members = groups[lead.pk]
        share = _share(points[f"bulletin_{lead.issue.bulletin}"], len(members))
        for item in members:
            yield item, share, str(lead.issue), "adopted"
    for adoption in upward:
        members = groups[adoption.submission_id]
        share = _share(points[adoption.level], len(members))
        counter = "instructions" if adoption.level == "instruction" else "upward"
        for item in members:
            yield item, share, adoption.get_level_display(), counter
    start, end = _bounds(p)
    specials = Submission.objects.filter(
        category=Category.SPECIAL, submitted_at__range=(start, end), event_at__isnull=False
    ).select_related("unit", "author")
    for item in specials:
        if item.is_late:
            yield item, -points["late_special"], str(_("专报迟报")), "late"


def unit_scores(p: Period) -> list[Score]:
    """Every township and department (and any other unit that scored), ranked."""
    points = rule_points()
    target = (points["yearly_target"] * p.months / 12).quantize(CENT, rounding=ROUND_HALF_UP)
    scores = {
        unit.pk: Score(unit.pk, unit.name, target=target)
        for unit in Unit.objects.filter(kind__in=SCORED_KINDS).order_by("kind", "order", "code")
    }
    for item, value, what, counter in _credits(p, points):
        score = scores.setdefault(item.unit_id, Score(item.unit_id, item.unit.name, target=target))
        _add(score, item, value, what, counter)
    return _ranked(list(scores.values()))


def officer_scores(p: Period) -> list[Score]:
    """Every officer who scored in the period, ranked."""
    scores: dict[int, Score] = {}
    for item, value, what, counter in _credits(p, rule_points()):
        name = (
            f"{item.author.get_full_name() or item.author.get_username()}（{item.unit.short_name}）"
        )
        score = scores.setdefault(item.author_id, Score(item.author_id, name))
        _add(score, item, value, what, counter)
    return _ranked(list(scores.values()))


def _add(score: Score, item: Submission, value: Decimal, what: str, counter: str) -> None:
    score.points += value
    setattr(score, counter, getattr(score, counter) + 1)
    score.lines.append((item.reference, what, value))


def _ranked(scores: list[Score]) -> list[Score]:
    scores.sort(key=lambda s: (-s.points, s.name))
    for position, score in enumerate(scores, start=1):
        previous = scores[position - 2] if position > 1 else None
        score.rank = previous.rank if previous and previous.points == score.points else position
    return scores


def unit_score(unit: Unit, p: Period) -> Score:
    for score in unit_scores(p):
        if score.key == unit.pk:
            return score
    return Score(unit.pk, unit.name)
