"""The supervision board (电子监察): every open case of every kind, and registered sub-items,
with remaining working days and a colour — red when overdue, yellow within the kind's
warning window (cases.clock's rule), counted by core.calendar."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from opencounty.cases import clock, kinds, staff_views
from opencounty.cases.models import Case, ClockPause
from opencounty.core import calendar
from opencounty.core.models import Unit
from opencounty.supervision import access, sources

RED, YELLOW, NONE, UNCOUNTED = "red", "yellow", "none", "uncounted"
COLOURS = (RED, YELLOW, UNCOUNTED, NONE)  # most urgent first
COLOUR_LABELS = {
    RED: _("红色预警（已超期）"),
    YELLOW: _("黄色预警（即将到期）"),
    UNCOUNTED: _("无法计算（日期超出工作日历范围）"),
    NONE: _("正常"),
}
# Closed cases stay on the board this long when a registered source flags them
# (e.g. a rejection without reasons); unflagged closed cases never show.
FLAGGED_CLOSED_DAYS = 31
# Never shown here: not loaded (the identity and phone would be decrypted row by row).
UNUSED_FIELDS = ("submitter_id_number", "submitter_phone", "reply", "query_code_hash")


@dataclass
class Row:
    case: Case
    unit: Unit
    state_label: str | Promise
    due_on: date | None
    item: str | Promise = ""  # a sub-item's label; empty for the case itself
    provisional: bool = False  # the due date counts days of a year not entered yet (暂定)
    remaining: int | None = None
    colour: str = NONE
    flags: list[str | Promise] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(self.case.case_kind.label)

    @property
    def colour_label(self) -> str:
        return str(COLOUR_LABELS[self.colour])

    @property
    def url(self) -> str:
        """The case's handling screen, for kinds that have one."""
        return staff_views.detail_url(self.case) if self.case.case_kind.handling else ""


@dataclass(frozen=True)
class Filters:
    unit: Unit | None = None
    kind: str = ""
    state: str = ""
    colour: str = ""


@dataclass
class Board:
    rows: list[Row]
    counts: dict[str, int]  # per colour, before the colour filter
    calendar_warnings: list[str]


def candidate_cases(user, filters: Filters, today: date) -> QuerySet[Case]:
    """Open cases, and cases closed in the last FLAGGED_CLOSED_DAYS (shown only when flagged)."""
    since = timezone.make_aware(
        datetime.combine(today - timedelta(days=FLAGGED_CLOSED_DAYS), time.min)
    )
    cases = access.supervised_cases(user).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=since)
    )
    if filters.unit is not None:
        cases = cases.filter(unit=filters.unit)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.state:
        cases = cases.filter(state=filters.state)
    paused = ClockPause.objects.filter(case=OuterRef("pk"), ended_on__isnull=True)
    return (
        cases.filter(kind__in=[k.code for k in kinds.all_kinds()])
        .select_related("unit")
        .defer(*UNUSED_FIELDS)
        .annotate(clock_paused=Exists(paused))
    )


def generic_flags(case: Case) -> list[str | Promise]:
    if case.closed_at is not None:
        return [_("已办结")]
    flags: list[str | Promise] = []
    if getattr(case, "clock_paused", False):
        flags.append(_("计时暂停"))
    if case.replied_at is not None:
        flags.append(_("已答复，待办结"))
    return flags


def _rows(cases: QuerySet[Case]) -> list[Row]:
    domain_flags = sources.flags(cases)
    rows = [
        Row(
            case=case,
            unit=case.unit,
            state_label=case.state_label,
            due_on=case.due_on,
            provisional=case.due_provisional,
            flags=generic_flags(case) + domain_flags.get(case.pk, []),
        )
        for case in cases
        if case.closed_at is None or domain_flags.get(case.pk)
    ]
    rows += [
        Row(
            case=item.case,
            unit=item.unit,
            state_label=item.state_label,
            due_on=item.due_on,
            item=item.label,
            provisional=item.provisional,
            flags=list(item.flags),
        )
        for item in sources.sub_items(cases.filter(closed_at__isnull=True))
    ]
    return rows


def colour_rows(rows: list[Row], today: date) -> list[str]:
    """Fill in remaining days and colours by the one rule (cases.clock.level); returns the
    calendar's complaints for dates it cannot count at all (never guesses)."""
    work_calendar = calendar.load()
    problems: set[str] = set()
    for row in rows:
        if row.due_on is None or (not row.item and clock.is_answered(row.case)):
            continue  # no clock yet, or none any more (answered or closed)
        try:
            row.remaining = work_calendar.working_days_between(today, row.due_on)
        except calendar.CalendarNotCovered as exc:
            row.colour = UNCOUNTED
            problems.add(str(exc))
            continue
        row.colour = clock.level(row.remaining, row.case.case_kind.warning_window) or NONE
    return sorted(problems)


def _order(row: Row) -> tuple:
    return (
        COLOURS.index(row.colour),
        row.due_on or date.max,
        row.case.receipt_number,
        str(row.item),
    )


def build(user, filters: Filters, today: date) -> Board:
    rows = _rows(candidate_cases(user, filters, today))
    problems = colour_rows(rows, today)
    warning = calendar.coverage_warning(today)
    counts = {colour: sum(1 for row in rows if row.colour == colour) for colour in COLOURS}
    if filters.colour:
        rows = [row for row in rows if row.colour == filters.colour]
    return Board(
        rows=sorted(rows, key=_order),
        counts=counts,
        calendar_warnings=([warning] if warning else []) + problems,
    )
