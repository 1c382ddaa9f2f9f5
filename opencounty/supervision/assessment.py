"""The monthly unit assessment (单位考核): cases on time and overdue, working days to close,
satisfaction, columns not updated within the national limits, incomplete service guides; a
score out of 100 by the formula in docs/supervision.md, a ranking and a totals row. Every
figure keeps the cases, columns and guides behind it, for the drill-down.

Periods are counted by core.calendar in working days; the column limits are the national
inspection's calendar limits (news 2 weeks; notices and policy documents 6 months).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.cases import clock, kinds, staff_views
from opencounty.cases.models import Case
from opencounty.core import calendar
from opencounty.core.models import Unit
from opencounty.portal.pages.article import ArticlePage
from opencounty.portal.pages.column import ColumnPage
from opencounty.portal.units import unit_roots
from opencounty.supervision import satisfaction, sources

NEWS_LIMIT_DAYS = 14
NOTICE_POLICY_LIMIT_MONTHS = 6
CHECKED_COLUMN_KINDS = (ColumnPage.Kind.NEWS, ColumnPage.Kind.NOTICE, ColumnPage.Kind.POLICY)
FIRST_YEAR = 2000  # no month before this is assessed

# The score (综合得分): 100 less five deductions, each capped (docs/supervision.md, 考核得分).
LATE_SHARE_POINTS = 35  # x the share of the month's closed cases finished late
OVERDUE_POINTS, OVERDUE_CAP = 5, 25  # per overdue case
UNSATISFIED_SHARE_POINTS = 15  # x the share of ratings below "satisfied"
STALE_COLUMN_POINTS, STALE_COLUMN_CAP = 3, 15  # per column; 5 columns is the national veto line
GUIDE_POINTS, GUIDE_CAP = 2, 10  # per incomplete service guide
RED_BELOW, YELLOW_BELOW = 60, 80  # the score's warning colours

_TENTH = Decimal("0.1")


class MonthRefused(ValueError):
    """A month the assessment cannot be made for; the message is for the user."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str, today: date) -> Month:
        """'2026-10' to a month: empty means this month; a month not yet begun or unreadable
        text is refused with the reason in Chinese."""
        text = (text or "").strip()
        if not text:
            return cls(today.year, today.month)
        try:
            year, month = (int(part) for part in text.split("-"))
            date(year, month, 1)
        except ValueError:
            raise MonthRefused(
                _("考核月份“%(text)s”无法识别，请按“年-月”填写，例如 %(example)s。")
                % {"text": text[:20], "example": f"{today:%Y-%m}"}
            ) from None
        chosen = cls(year, month)
        if chosen > cls(today.year, today.month):
            raise MonthRefused(
                _("%(month)s 尚未开始，不能考核；最晚只能选择本月（%(now)s）。")
                % {"month": chosen, "now": f"{today:%Y-%m}"}
            )
        if year < FIRST_YEAR:
            raise MonthRefused(
                _("考核月份不能早于 %(year)s 年。") % {"year": FIRST_YEAR},
            )
        return chosen

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass
class CaseLine:
    """One case behind the figures, with what the assessment counted about it."""

    case: Case
    finished_on: date | None = None  # reply or closing, for a case closed in the month
    working_days: int | None = None  # submitted to finished, in working days
    late: bool = False  # closed in the month after its due day
    overdue_days: int | None = None  # still open at `until`, working days past its due day
    satisfied: bool | None = None  # rated on a registered scale

    @property
    def url(self) -> str:
        """The case's handling screen, for kinds that have one."""
        return staff_views.detail_url(self.case) if self.case.case_kind.handling else ""


@dataclass(frozen=True)
class ColumnCheck:
    """A news, notice or policy column and its newest live article by the month's end."""

    column: ColumnPage
    unit_id: int
    newest: date | None
    limit: date  # the newest article must not be older than this

    @property
    def stale(self) -> bool:
        return self.newest is None or self.newest < self.limit

    @property
    def url(self) -> str:
        """The column's articles in the page explorer."""
        return reverse("wagtailadmin_explore", args=[self.column.pk])


@dataclass(frozen=True)
class Deduction:
    code: str
    label: str | Promise
    rule: str | Promise
    points: Decimal


@dataclass
class UnitFigures:
    """A unit's figures for the month (or, with `unit` None, the totals of several units)."""

    unit: Unit | None
    received: int = 0
    overdue: int = 0
    # The cases behind `received` and `overdue`: only with assess(..., lines=True) (the
    # drill-down); the ranking counts them in the database.
    received_cases: list[CaseLine] = field(default_factory=list)
    overdue_cases: list[CaseLine] = field(default_factory=list)
    closed_cases: list[CaseLine] = field(default_factory=list)
    rated_cases: list[CaseLine] = field(default_factory=list)
    columns: list[ColumnCheck] = field(default_factory=list)  # every checked column
    guides: list[sources.IncompleteGuide] = field(default_factory=list)
    uncounted: int = 0  # cases the calendar could not count
    rank: int | None = None

    @property
    def closed(self) -> int:
        return len(self.closed_cases)

    @property
    def closed_on_time(self) -> int:
        return sum(1 for line in self.closed_cases if not line.late)

    @property
    def rated(self) -> int:
        return len(self.rated_cases)

    @property
    def satisfied(self) -> int:
        return sum(1 for line in self.rated_cases if line.satisfied)

    @property
    def stale_column_checks(self) -> list[ColumnCheck]:
        return [check for check in self.columns if check.stale]

    @property
    def stale_columns(self) -> int:
        return len(self.stale_column_checks)

    @property
    def incomplete_guides(self) -> int:
        return len(self.guides)

    @property
    def working_days(self) -> list[int]:
        return [line.working_days for line in self.closed_cases if line.working_days is not None]

    @property
    def average_working_days(self) -> float | None:
        days = self.working_days
        return round(sum(days) / len(days), 1) if days else None

    @property
    def satisfaction_rate(self) -> float | None:
        return round(100 * self.satisfied / self.rated, 1) if self.rated else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.closed_on_time / self.closed, 1) if self.closed else None

    @cached_property
    def deductions(self) -> list[Deduction]:
        return deductions(
            closed=self.closed,
            late=self.closed - self.closed_on_time,
            overdue=self.overdue,
            rated=self.rated,
            unsatisfied=self.rated - self.satisfied,
            stale_columns=self.stale_columns,
            incomplete_guides=self.incomplete_guides,
        )

    @cached_property
    def score(self) -> Decimal:
        return score_after(self.deductions)

    @property
    def score_text(self) -> str:
        return points_text(self.score)

    @property
    def level(self) -> str:
        """ "red" below 60 points, "yellow" below 80, else ""."""
        return level_of(self.score)


@dataclass
class Assessment:
    month: Month
    until: date  # the month's last day, or today for the current month
    rows: list[UnitFigures]  # ranked: highest score first
    total: UnitFigures
    calendar_warnings: list[str]

    @property
    def average_score(self) -> Decimal | None:
        if not self.rows:
            return None
        mean = sum(row.score for row in self.rows) / len(self.rows)
        return mean.quantize(_TENTH, ROUND_HALF_UP)

    @property
    def average_score_text(self) -> str:
        score = self.average_score
        return "—" if score is None else points_text(score)


# The score ----------------------------------------------------------------------------------


def _points(value: Decimal | int) -> Decimal:
    return Decimal(value).quantize(_TENTH, ROUND_HALF_UP)


def deductions(
    *,
    closed: int,
    late: int,
    overdue: int,
    rated: int,
    unsatisfied: int,
    stale_columns: int,
    incomplete_guides: int,
) -> list[Deduction]:
    """The five deductions of the score, each rounded to 0.1 point (half up)."""
    return [
        Deduction(
            "late",
            gettext_lazy("按时办结率"),
            gettext_lazy("35 分 ×（逾期办结件数 ÷ 办结件数）"),
            _points(Decimal(LATE_SHARE_POINTS * late) / closed) if closed else _points(0),
        ),
        Deduction(
            "overdue",
            gettext_lazy("超期件数"),
            gettext_lazy("每件 5 分，最多 25 分"),
            _points(min(OVERDUE_CAP, OVERDUE_POINTS * overdue)),
        ),
        Deduction(
            "satisfaction",
            gettext_lazy("满意率"),
            gettext_lazy("15 分 ×（非“满意”评价数 ÷ 评价数）"),
            _points(Decimal(UNSATISFIED_SHARE_POINTS * unsatisfied) / rated)
            if rated
            else _points(0),
        ),
        Deduction(
            "columns",
            gettext_lazy("未按时更新栏目"),
            gettext_lazy("每个 3 分，最多 15 分"),
            _points(min(STALE_COLUMN_CAP, STALE_COLUMN_POINTS * stale_columns)),
        ),
        Deduction(
            "guides",
            gettext_lazy("要素不全的办事指南"),
            gettext_lazy("每个 2 分，最多 10 分"),
            _points(min(GUIDE_CAP, GUIDE_POINTS * incomplete_guides)),
        ),
    ]


def scoring_rules() -> list[tuple[str, str]]:
    """(figure, how it is deducted) for every part of the score, as the page shows them."""
    none = deductions(
        closed=0, late=0, overdue=0, rated=0, unsatisfied=0, stale_columns=0, incomplete_guides=0
    )
    return [(str(d.label), str(d.rule)) for d in none]


def points_text(points: Decimal) -> str:
    """70.8 as "70.8", 100.0 as "100"."""
    return f"{points.normalize():f}"


def score_after(taken: list[Deduction]) -> Decimal:
    return _points(100 - sum(d.points for d in taken))


def level_of(score: Decimal) -> str:
    if score < RED_BELOW:
        return "red"
    if score < YELLOW_BELOW:
        return "yellow"
    return ""


def rank(rows: list[UnitFigures]) -> list[UnitFigures]:
    """Highest score first; equal scores share a rank (1, 2, 2, 4) and keep the units' order."""
    ordered = sorted(rows, key=lambda row: -row.score)  # stable: equal scores keep unit order
    for position, row in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        row.rank = previous.rank if previous and previous.score == row.score else position
    return ordered


def totals(rows: list[UnitFigures]) -> UnitFigures:
    total = UnitFigures(unit=None)
    for row in rows:
        total.received += row.received
        total.overdue += row.overdue
        total.received_cases += row.received_cases
        total.closed_cases += row.closed_cases
        total.overdue_cases += row.overdue_cases
        total.rated_cases += row.rated_cases
        total.columns += row.columns
        total.guides += row.guides
        total.uncounted += row.uncounted
    return total


# The cases ----------------------------------------------------------------------------------


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def months_before(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def finished_on(case: Case) -> date:
    """The day the unit finished: its reply, or the closing when there was none."""
    return timezone.localdate(case.replied_at or case.closed_at)


CASE_FIELDS = (
    "id",
    "kind",
    "unit_id",
    "state",
    "receipt_number",
    "title",
    "submitted_at",
    "due_on",
    "due_provisional",
    "replied_at",
    "closed_at",
    "rating",
)


@dataclass(frozen=True)
class _Bounds:
    """The month's moments and the colour rule on `until`, as database conditions."""

    start: datetime
    end: datetime
    until_end: datetime
    overdue: clock.LevelBounds

    @property
    def closed_in_month(self) -> Q:
        return Q(closed_at__gte=self.start, closed_at__lt=self.end)

    @property
    def relevant(self) -> Q:
        """Received or closed in the month, or still open at its end."""
        in_month = Q(submitted_at__gte=self.start, submitted_at__lt=self.end) | self.closed_in_month
        open_at_end = Q(submitted_at__lt=self.end) & (
            Q(closed_at__isnull=True) | Q(closed_at__gte=self.end)
        )
        return in_month | open_at_end

    @property
    def received(self) -> Q:
        return Q(submitted_at__gte=self.start, submitted_at__lt=self.end)

    @property
    def running(self) -> Q:
        """Open at the month's end, on a clock, and not answered by `until`."""
        return (
            (Q(closed_at__isnull=True) | Q(closed_at__gte=self.end))
            & Q(due_on__isnull=False)
            & (Q(replied_at__isnull=True) | Q(replied_at__gte=self.until_end))
        )

    @property
    def settled(self) -> Q:
        """The opposite of `running`, spelt without a negation (NULLs make NOT unsafe)."""
        return Q(closed_at__lt=self.end) | Q(due_on__isnull=True) | Q(replied_at__lt=self.until_end)

    @property
    def countable(self) -> Q:
        return Q(due_on__gte=self.overdue.first_countable, due_on__lte=self.overdue.last_countable)

    @property
    def uncounted(self) -> Q:
        return self.running & (
            Q(due_on__lt=self.overdue.first_countable) | Q(due_on__gt=self.overdue.last_countable)
        )

    @property
    def overdue_at_until(self) -> Q:
        return self.running & self.countable & Q(due_on__lt=self.overdue.overdue_before)

    # The same three rules for a case known to be still open (closed_at IS NULL), without the
    # terms that are then always true or always false: the database works them out for every
    # open case, and a hundred thousand of them take half the time with the shorter form.

    @property
    def unanswered(self) -> Q:
        return Q(replied_at__isnull=True) | Q(replied_at__gte=self.until_end)

    @property
    def open_received(self) -> Q:
        """`received` of an open case, given submitted_at < end."""
        return Q(submitted_at__gte=self.start) & (
            Q(due_on__isnull=True) | Q(replied_at__lt=self.until_end) | self.countable
        )

    @property
    def open_overdue(self) -> Q:
        return self.unanswered & self.countable & Q(due_on__lt=self.overdue.overdue_before)

    @property
    def open_uncounted(self) -> Q:
        return self.unanswered & (
            Q(due_on__lt=self.overdue.first_countable) | Q(due_on__gt=self.overdue.last_countable)
        )


def _bounds(month: Month, until: date, cal: calendar.WorkCalendar) -> _Bounds:
    return _Bounds(
        start=_start_of(month.first),
        end=_start_of(month.last + timedelta(days=1)),
        until_end=_start_of(until + timedelta(days=1)),
        overdue=clock.LevelBounds.on(until, (), cal),
    )


def _units_cases(units: QuerySet[Unit]) -> QuerySet[Case]:
    return Case.objects.filter(unit__in=units, kind__in=[k.code for k in kinds.all_kinds()])


def _cases(units: QuerySet[Unit], bounds: _Bounds) -> QuerySet[Case]:
    return (
        _units_cases(units)
        .filter(bounds.relevant)
        .only(*CASE_FIELDS)  # no encrypted identity or phone to decrypt, no reply text
        .order_by("submitted_at", "id")
    )


def _count_case(
    figures: UnitFigures,
    case: Case,
    month: Month,
    until: date,
    cal: calendar.WorkCalendar,
    lines: bool,
) -> None:
    """Add the case to the figures it counts in. Computes everything before adding anything,
    so a date the calendar cannot count leaves the figures as they were."""
    line = CaseLine(case)
    submitted = timezone.localdate(case.submitted_at)
    closed = timezone.localdate(case.closed_at) if case.closed_at else None
    received = month.first <= submitted <= month.last
    closed_in_month = closed is not None and month.first <= closed <= month.last
    overdue = False
    if closed_in_month:
        line.finished_on = finished_on(case)
        line.late = (
            case.due_on is not None and cal.working_days_between(case.due_on, line.finished_on) > 0
        )
        line.working_days = cal.working_days_between(submitted, line.finished_on)
        overdue = line.late
        if case.rating is not None and satisfaction.is_rated_kind(case.kind):
            line.satisfied = satisfaction.is_satisfied(case.kind, case.rating)
    elif closed is None or closed > month.last:
        answered = case.replied_at is not None and timezone.localdate(case.replied_at) <= until
        if case.due_on is not None and not answered:
            past = -cal.working_days_between(until, case.due_on)
            if past > 0:
                line.overdue_days = past
                overdue = True
    if received:
        figures.received += 1
        if lines:
            figures.received_cases.append(line)
    if closed_in_month:
        figures.closed_cases.append(line)
        if line.satisfied is not None:
            figures.rated_cases.append(line)
    if overdue:
        figures.overdue += 1
        if lines:
            figures.overdue_cases.append(line)


# The columns --------------------------------------------------------------------------------


def _limits(until: date) -> dict[str, date]:
    return {
        ColumnPage.Kind.NEWS: until - timedelta(days=NEWS_LIMIT_DAYS),
        ColumnPage.Kind.NOTICE: months_before(until, NOTICE_POLICY_LIMIT_MONTHS),
        ColumnPage.Kind.POLICY: months_before(until, NOTICE_POLICY_LIMIT_MONTHS),
    }


def column_checks(units: list[Unit], until: date) -> dict[int, list[ColumnCheck]]:
    """Per unit id, its live news, notice and policy columns with their newest live article
    published by `until` (three queries, whatever the number of units and columns)."""
    roots = unit_roots()  # deepest first, so a nested unit's columns are its own
    wanted = {unit.pk for unit in units}
    found: dict[int, list[ColumnCheck]] = {pk: [] for pk in wanted}
    owned: list[tuple[int, ColumnPage]] = []
    # Every checked column of the site (a few hundred), kept by owner here: a condition on
    # the units' tree paths would make the database walk every page of the portal.
    columns = ColumnPage.objects.live().filter(kind__in=CHECKED_COLUMN_KINDS)
    for column in columns.only("id", "title", "path", "depth", "kind", "url_path"):
        owner = next((unit_id for path, unit_id in roots if column.path.startswith(path)), None)
        if owner in wanted:
            owned.append((owner, column))
    if not owned:
        return found
    end = _start_of(until + timedelta(days=1))
    newest = dict(
        ArticlePage.objects.live()
        .filter(
            depth__in={column.depth + 1 for _owner, column in owned},
            first_published_at__lt=end,
        )
        .annotate(parent_path=Substr("path", 1, (F("depth") - 1) * ArticlePage.steplen))
        .filter(parent_path__in=[column.path for _owner, column in owned])
        .order_by()
        .values_list("parent_path")
        .annotate(newest=Max("first_published_at"))
    )
    limits = _limits(until)
    for owner, column in owned:
        moment = newest.get(column.path)
        found[owner].append(
            ColumnCheck(
                column=column,
                unit_id=owner,
                newest=timezone.localdate(moment) if moment else None,
                limit=limits[column.kind],
            )
        )
    return found


def stale_columns(unit: Unit, until: date) -> int:
    """The unit's news, notice and policy columns whose newest live article (published by
    `until`) is older than the national limit, or that have none."""
    return sum(check.stale for check in column_checks([unit], until)[unit.pk])


# The assessment -----------------------------------------------------------------------------


def _count_open_in_database(
    figures: dict[int, UnitFigures],
    units: QuerySet[Unit],
    rest: QuerySet[Case],
    bounds: _Bounds,
    cal: calendar.WorkCalendar,
    problems: set[str],
) -> None:
    """The cases not closed in the month, which may be a hundred thousand open ones: received,
    overdue and uncounted per unit (the rule of _count_case, as conditions). Those still open
    are counted from the index on open cases alone (cases.Case.Meta, "case_open_unit_kind_due")
    by the rules' shorter form for open cases; those closed since the month's end (`rest`, a
    few) from the index on (kind, closed_at) by the full rules: an OR of the two would read
    every row of the table."""
    # `relevant` for an open case is only `submitted_at < end`.
    still_open = _units_cases(units).filter(closed_at__isnull=True, submitted_at__lt=bounds.end)
    parts = [
        (still_open, bounds.open_received, bounds.open_overdue, bounds.open_uncounted),
        (
            rest.filter(closed_at__gte=bounds.end),
            bounds.received & (bounds.settled | bounds.countable),
            bounds.overdue_at_until,
            bounds.uncounted,
        ),
    ]
    lines = []
    for cases, received, overdue, uncounted in parts:
        lines += (
            cases.order_by()
            .values("unit_id")
            .annotate(
                received=Count("id", filter=received),
                overdue=Count("id", filter=overdue),
                uncounted=Count("id", filter=uncounted),
            )
        )
    uncounted = 0
    for line in lines:
        row = figures[line["unit_id"]]
        row.received += line["received"]
        row.overdue += line["overdue"]
        row.uncounted += line["uncounted"]
        uncounted += line["uncounted"]
    if uncounted:
        problems.update(_calendar_problems(rest.filter(bounds.uncounted), bounds, cal))


def _calendar_problems(cases: QuerySet[Case], bounds: _Bounds, cal) -> set[str]:
    found = set()
    for due_on in cases.order_by().values_list("due_on", flat=True).distinct():
        try:
            cal.working_days_between(bounds.overdue.today, due_on)
        except calendar.CalendarNotCovered as exc:
            found.add(str(exc))
    return found


def assess(units: QuerySet[Unit], month: Month, today: date, *, lines: bool = False) -> Assessment:
    """The month's figures for the units. The cases closed in the month are counted one by one
    (as many as the month's work); those still open are counted by the database, or, with
    `lines` (the drill-down), read too so that each figure keeps its cases."""
    until = min(month.last, today)
    unit_list = list(units)
    figures = {unit.pk: UnitFigures(unit) for unit in unit_list}
    cal = calendar.load()
    bounds = _bounds(month, until, cal)
    cases = _cases(units, bounds)
    problems: set[str] = set()
    one_by_one = cases.filter(bounds.closed_in_month)
    rest = cases.exclude(bounds.closed_in_month)
    if lines:
        one_by_one = cases.filter(
            bounds.closed_in_month | bounds.received | bounds.overdue_at_until | bounds.uncounted
        )
    else:
        _count_open_in_database(figures, units, rest, bounds, cal, problems)
    for case in one_by_one:
        try:
            _count_case(figures[case.unit_id], case, month, until, cal, lines)
        except calendar.CalendarNotCovered as exc:
            figures[case.unit_id].uncounted += 1
            problems.add(str(exc))
    columns = column_checks(unit_list, until)
    guides = sources.incomplete_guides(unit_list)
    for row in figures.values():
        row.columns = columns[row.unit.pk]
        row.guides = guides[row.unit.pk]
    rows = rank(list(figures.values()))
    return Assessment(month, until, rows, totals(rows), sorted(problems))
