"""The monthly unit assessment (单位考核): cases on time and overdue, working days to close,
satisfaction, columns not updated within the national limits, incomplete service guides.

Periods are counted by core.calendar in working days; the column limits are the national
inspection's calendar limits (news 2 weeks; notices and policy documents 6 months).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from opencounty.cases import kinds
from opencounty.cases.models import Case
from opencounty.core import calendar
from opencounty.core.models import Unit
from opencounty.portal.pages.article import ArticlePage
from opencounty.portal.pages.column import ColumnPage
from opencounty.portal.units import pages_owned_by
from opencounty.supervision import satisfaction, sources

NEWS_LIMIT_DAYS = 14
NOTICE_POLICY_LIMIT_MONTHS = 6
CHECKED_COLUMN_KINDS = (ColumnPage.Kind.NEWS, ColumnPage.Kind.NOTICE, ColumnPage.Kind.POLICY)


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str, default: date) -> Month:
        """'2026-10' to a month; anything else gives the month of `default`."""
        try:
            year, month = (int(part) for part in text.split("-"))
            date(year, month, 1)
        except ValueError:
            return cls(default.year, default.month)
        return cls(year, month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass
class UnitFigures:
    unit: Unit
    received: int = 0
    closed: int = 0
    closed_on_time: int = 0
    overdue: int = 0
    working_days: list[int] = field(default_factory=list)  # to close, one per closed case
    rated: int = 0
    satisfied: int = 0
    stale_columns: int = 0
    incomplete_guides: int = 0
    uncounted: int = 0  # cases the calendar could not count

    @property
    def average_working_days(self) -> float | None:
        if not self.working_days:
            return None
        return round(sum(self.working_days) / len(self.working_days), 1)

    @property
    def satisfaction_rate(self) -> float | None:
        return round(100 * self.satisfied / self.rated, 1) if self.rated else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.closed_on_time / self.closed, 1) if self.closed else None


@dataclass
class Assessment:
    month: Month
    rows: list[UnitFigures]
    calendar_warnings: list[str]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def months_before(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def finished_on(case: Case) -> date:
    """The day the unit finished: its reply, or the closing when there was none."""
    return timezone.localdate(case.replied_at or case.closed_at)


def _relevant_cases(units: QuerySet[Unit], month: Month) -> QuerySet[Case]:
    start, end = _start_of(month.first), _start_of(month.last + timedelta(days=1))
    in_month = Q(submitted_at__gte=start, submitted_at__lt=end) | Q(
        closed_at__gte=start, closed_at__lt=end
    )
    open_at_end = Q(submitted_at__lt=end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))
    return Case.objects.filter(
        in_month | open_at_end,
        unit__in=units,
        kind__in=[k.code for k in kinds.all_kinds()],
    )


def _count_case(
    figures: UnitFigures, case: Case, month: Month, until: date, cal: calendar.WorkCalendar
) -> None:
    submitted = timezone.localdate(case.submitted_at)
    closed = timezone.localdate(case.closed_at) if case.closed_at else None
    if month.first <= submitted <= month.last:
        figures.received += 1
    if closed is not None and month.first <= closed <= month.last:
        done = finished_on(case)
        late = case.due_on is not None and cal.working_days_between(case.due_on, done) > 0
        days = cal.working_days_between(submitted, done)
        figures.closed += 1
        figures.closed_on_time += not late
        figures.overdue += late
        figures.working_days.append(days)
        if case.rating is not None and satisfaction.is_rated_kind(case.kind):
            figures.rated += 1
            figures.satisfied += satisfaction.is_satisfied(case.kind, case.rating)
    elif closed is None or closed > month.last:
        answered = case.replied_at is not None and timezone.localdate(case.replied_at) <= until
        if case.due_on is not None and not answered:
            figures.overdue += cal.working_days_between(until, case.due_on) < 0


def _calendar_for(cases: list[Case], until: date) -> calendar.WorkCalendar:
    days = [until] + [timezone.localdate(c.submitted_at) for c in cases]
    days += [c.due_on for c in cases if c.due_on is not None]
    return calendar.WorkCalendar.load(min(days).year, max(days).year)


def stale_columns(unit: Unit, until: date) -> int:
    """The unit's news, notice and policy columns whose newest live article (published by
    `until`) is older than the national limit, or that have none."""
    end = _start_of(until + timedelta(days=1))
    limits = {
        ColumnPage.Kind.NEWS: until - timedelta(days=NEWS_LIMIT_DAYS),
        ColumnPage.Kind.NOTICE: months_before(until, NOTICE_POLICY_LIMIT_MONTHS),
        ColumnPage.Kind.POLICY: months_before(until, NOTICE_POLICY_LIMIT_MONTHS),
    }
    columns = ColumnPage.objects.live().filter(pages_owned_by(unit), kind__in=CHECKED_COLUMN_KINDS)
    stale = 0
    for column in columns:
        newest = (
            ArticlePage.objects.child_of(column)
            .live()
            .filter(first_published_at__lt=end)
            .aggregate(newest=Max("first_published_at"))["newest"]
        )
        stale += newest is None or timezone.localdate(newest) < limits[column.kind]
    return stale


def assess(units: QuerySet[Unit], month: Month, today: date) -> Assessment:
    until = min(month.last, today)
    figures = {unit.pk: UnitFigures(unit) for unit in units}
    cases = list(_relevant_cases(units, month))
    cal = _calendar_for(cases, until)
    problems: set[str] = set()
    for case in cases:
        try:
            _count_case(figures[case.unit_id], case, month, until, cal)
        except calendar.CalendarNotCovered as exc:
            figures[case.unit_id].uncounted += 1
            problems.add(str(exc))
    for row in figures.values():
        row.stale_columns = stale_columns(row.unit, until)
        row.incomplete_guides = sources.incomplete_guides(row.unit)
    return Assessment(month, list(figures.values()), sorted(problems))
