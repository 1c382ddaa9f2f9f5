"""The supervision board (电子监察): every open case of every kind, and registered sub-items,
with remaining working days and a colour — red when overdue, yellow within the kind's
warning window (cases.clock's rule), counted by core.calendar."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet
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
    remaining: int | None = None  # working days left (minutes, with `in_minutes`)
    colour: str = NONE
    flags: list[str | Promise] = field(default_factory=list)

    in_minutes: bool = False  # a minute clock's row: `remaining` counts minutes

    @property
    def remaining_text(self) -> str:
        """What the board shows as left: working days, or minutes (负数 when overdue)."""
        if self.remaining is None:
            return "—"
        if self.in_minutes:
            return _("%(minutes)s 分钟") % {"minutes": self.remaining}
        return str(self.remaining)

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


@dataclass
class OtherRow:
    """A registered overdue item that is not a case (sources.OverdueItem), coloured by the
    same rule: red once a working day has passed after its due day, yellow in its window."""

    item: sources.OverdueItem
    remaining: int | None
    colour: str

    @property
    def colour_label(self) -> str:
        return str(COLOUR_LABELS[self.colour])

    @property
    def remaining_text(self) -> str:
        return "—" if self.remaining is None else str(self.remaining)


@dataclass(frozen=True)
class Filters:
    unit: Unit | None = None
    kind: str = ""
    state: str = ""
    colour: str = ""


@dataclass
class Board:
    rows: list[Row]  # the first `limit` rows asked for, or all
    counts: dict[str, int]  # per colour, before the colour filter
    calendar_warnings: list[str]
    total: int = 0  # rows after the filters, shown or not
    # Registered overdue items that are not cases (unsigned documents...), most urgent first:
    # the first `limit`, and how many there are.
    others: list[OtherRow] = field(default_factory=list)
    others_total: int = 0


def candidate_cases(user, filters: Filters, today: date) -> QuerySet[Case]:
    """Open cases, and cases closed in the last FLAGGED_CLOSED_DAYS (shown only when flagged)."""
    since = timezone.make_aware(
        datetime.combine(today - timedelta(days=FLAGGED_CLOSED_DAYS), time.min)
    )
    cases = access.supervised_cases(user).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=since)
    )
    return _filtered(cases, filters).filter(kind__in=[k.code for k in kinds.all_kinds()])


def _filtered(cases: QuerySet[Case], filters: Filters) -> QuerySet[Case]:
    """The board's unit, kind and state filters (the colour filter is applied by colour)."""
    if filters.unit is not None:
        cases = cases.filter(unit=filters.unit)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.state:
        cases = cases.filter(state=filters.state)
    return cases


def generic_flags(case: Case) -> list[str | Promise]:
    if case.closed_at is not None:
        return [_("已办结")]
    flags: list[str | Promise] = []
    if getattr(case, "clock_paused", False):
        flags.append(_("计时暂停"))
    if case.replied_at is not None:
        flags.append(_("已答复，待办结"))
    return flags


def colour_conditions(bounds: clock.LevelBounds, now: datetime) -> dict[str, Q]:
    """Each colour as a condition on open cases, by the one rule (cases.clock.LevelBounds;
    a minute clock by `clock.minute_level` at `now`): answered cases, and cases whose clock has
    not started, have no colour. Disjoint, and together every open case of a registered kind.
    Each is a union of (kind, due-day) ranges, so that the database counts and lists one
    colour from the index on open cases and stops at the rows shown."""
    day = bounds.conditions(
        {kind.code: kind.warning_window for kind in kinds.all_kinds() if not kind.counts_minutes}
    )
    minute = clock.minute_conditions(
        now, {kind.code: kind.warning_window for kind in kinds.all_kinds() if kind.counts_minutes}
    )
    running = Q(due_on__isnull=False, replied_at__isnull=True)
    no_clock = Q(kind__in=[kind.code for kind in kinds.all_kinds()]) & (
        Q(due_on__isnull=True) | Q(replied_at__isnull=False)
    )
    return {
        RED: (running & day[clock.RED]) | (running & minute[clock.RED]),
        YELLOW: (running & day[clock.YELLOW]) | (running & minute[clock.YELLOW]),
        UNCOUNTED: running & day[clock.UNCOUNTED],
        NONE: no_clock | (running & day[None]) | (running & minute[None]),
    }


def open_cases(user, filters: Filters) -> QuerySet[Case]:
    """The open cases the board covers, before the colour filter (each colour's condition names
    the registered kinds)."""
    return _filtered(access.supervised_cases(user).filter(closed_at__isnull=True), filters)


def _in_order(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.order_by(
        F("due_on").asc(nulls_last=True), F("due_at").asc(nulls_last=True), "receipt_number"
    )


def _shown(cases: QuerySet[Case]) -> QuerySet[Case]:
    paused = ClockPause.objects.filter(case=OuterRef("pk"), ended_on__isnull=True)
    return _in_order(
        cases.select_related("unit").defer(*UNUSED_FIELDS).annotate(clock_paused=Exists(paused))
    )


def _case_row(
    case: Case, colour: str, flags: list, cal: calendar.WorkCalendar, today: date, now: datetime
) -> Row:
    row = Row(
        case=case,
        unit=case.unit,
        state_label=case.state_label,
        due_on=case.due_on,
        provisional=case.due_provisional,
        colour=colour,
        flags=generic_flags(case) + flags,
    )
    if clock.is_answered(case):
        return row
    if case.case_kind.counts_minutes:
        row.in_minutes = True
        row.remaining = clock.remaining_minutes(case, now)
    elif colour != UNCOUNTED and row.due_on is not None:
        row.remaining = cal.working_days_between(today, row.due_on)
    return row


def _item_rows(
    items: list[sources.SubItem], cal: calendar.WorkCalendar, today: date, problems: set[str]
) -> list[Row]:
    """Sub-items coloured in Python by the same rule, O(1) a row with the calendar's ordinals."""
    rows = []
    for item in items:
        row = Row(
            case=item.case,
            unit=item.unit,
            state_label=item.state_label,
            due_on=item.due_on,
            item=item.label,
            provisional=item.provisional,
            flags=list(item.flags),
        )
        if row.due_on is not None:
            try:
                row.remaining = cal.working_days_between(today, row.due_on)
            except calendar.CalendarNotCovered as exc:
                row.colour = UNCOUNTED
                problems.add(str(exc))
            else:
                row.colour = clock.level(row.remaining, item.case.case_kind.warning_window) or NONE
        rows.append(row)
    return rows


def _order(row: Row) -> tuple:
    return (
        COLOURS.index(row.colour),
        row.due_on or date.max,
        row.case.receipt_number,
        str(row.item),
    )


def _other_rows(
    user, filters: Filters, today: date, cal: calendar.WorkCalendar, problems: set[str]
) -> list[OtherRow]:
    """The registered overdue items of the supervised units (sources.overdue_items) that have a
    colour. Not cases, so the kind and state filters, which name case kinds and states, leave
    none of them."""
    if filters.kind or filters.state:
        return []
    units = access.supervised_units(user)
    if filters.unit is not None:
        units = units.filter(pk=filters.unit.pk)
    rows = []
    for item in sources.overdue_items(units, today):
        try:
            remaining = cal.working_days_between(today, item.due_on)
        except calendar.CalendarNotCovered as exc:
            problems.add(str(exc))
            rows.append(OtherRow(item, None, UNCOUNTED))
            continue
        colour = clock.level(remaining, item.warning_days)
        if colour is not None:
            rows.append(OtherRow(item, remaining, colour))
    if filters.colour:
        rows = [row for row in rows if row.colour == filters.colour]
    return sorted(
        rows,
        key=lambda row: (
            COLOURS.index(row.colour),
            row.item.due_on,
            row.item.unit.code,
            row.item.reference,
        ),
    )


def _band_rows(
    cases: QuerySet[Case],
    conditions: dict[str, Q],
    sizes: dict[str, int],
    start: int,
    stop: int | None,
    make_row,
) -> list[Row]:
    """The open cases at positions start … stop of the colour bands laid end to end (in the
    order of `sizes`), each band read with OFFSET and LIMIT, so a later page costs what the
    first does."""
    rows: list[Row] = []
    position = 0
    for colour, size in sizes.items():
        if stop is not None and position >= stop:
            break
        low = max(start - position, 0)
        high = size if stop is None else min(stop - position, size)
        if low < high:
            band = cases.filter(conditions[colour])
            if stop is not None:
                # The page's ids first, ordered and cut on the ids alone; then its rows.
                band = band.filter(pk__in=_in_order(band).values("pk")[low:high])
                low, high = 0, None
            rows += [make_row(case, colour) for case in _shown(band)[low:high]]
        position += size
    return rows


def _window(extras: list[Row], read_cases, offset: int, limit: int | None) -> list[Row]:
    """Rows offset … offset + limit of the open cases (read_cases(start, stop) reads them by
    position) merged with the few rows held in memory (sub-items, flagged closed cases), in
    the board's order. At most len(extras) of those come before the window, so the cases are
    read from there; the extras that sort before the first case read are counted, not shown."""
    start = max(0, offset - len(extras))
    stop = None if limit is None else offset + limit
    cases = read_cases(start, stop)
    if start and not cases:
        return []  # past the last case and so past the last row
    before = [row for row in extras if start and _order(row) < _order(cases[0])]
    rest = [row for row in extras if not (start and _order(row) < _order(cases[0]))]
    merged = list(heapq.merge(cases, rest, key=_order))
    skip = offset - start - len(before)
    return merged[skip:] if limit is None else merged[skip : skip + limit]


def build(user, filters: Filters, today: date, limit: int | None = None, offset: int = 0) -> Board:
    """The board's rows, most urgent first: all of them, or `limit` from `offset`. The
    database counts each colour and lists the shown rows colour by colour from the index on
    open cases (cases.Case.Meta, "case_open_kind_due"), with bounds from the preloaded
    calendar, so the number of queries does not grow with the number of open cases, only the
    shown rows are read, and a later page costs what the first does."""
    cal = calendar.load()
    now = timezone.now()
    windows = {kind.warning_window for kind in kinds.all_kinds() if not kind.counts_minutes}
    bounds = clock.LevelBounds.on(today, windows, cal)
    conditions = colour_conditions(bounds, now)
    candidates = candidate_cases(user, filters, today)
    domain_flags = sources.flags(candidates)

    def case_row(case: Case, colour: str) -> Row:
        return _case_row(case, colour, domain_flags.get(case.pk, []), cal, today, now)

    # A closed case shows only when a domain flags it (e.g. a rejection without reasons); it
    # has no colour.
    cases = open_cases(user, filters)
    flagged_closed = [
        case_row(case, NONE)
        for case in _shown(candidates.filter(closed_at__isnull=False, pk__in=list(domain_flags)))
    ]
    bands = {
        colour: cases.filter(conditions[colour]).count() for colour in (RED, YELLOW, UNCOUNTED)
    }
    # The colours cover every open case: what is left has none.
    everything = cases.filter(kind__in=[kind.code for kind in kinds.all_kinds()]).count()
    bands[NONE] = everything - sum(bands.values())
    problems: set[str] = set()
    if bands[UNCOUNTED]:
        for due_on in (
            cases.filter(conditions[UNCOUNTED])
            .order_by()
            .values_list("due_on", flat=True)
            .distinct()
        ):
            try:
                cal.working_days_between(today, due_on)
            except calendar.CalendarNotCovered as exc:
                problems.add(str(exc))
    items = _item_rows(
        sources.sub_items(candidates.filter(closed_at__isnull=True)), cal, today, problems
    )
    extras = items + flagged_closed
    counts = dict(bands)
    for row in extras:
        counts[row.colour] += 1
    if filters.colour:
        extras = [row for row in extras if row.colour == filters.colour]
        bands = {filters.colour: bands[filters.colour]}

    def read_cases(start: int, stop: int | None) -> list[Row]:
        return _band_rows(cases, conditions, bands, start, stop, case_row)

    rows = _window(sorted(extras, key=_order), read_cases, offset, limit)
    others = _other_rows(user, filters, today, cal, problems)
    warning = calendar.coverage_warning(today)
    return Board(
        rows=rows,
        counts=counts,
        calendar_warnings=([warning] if warning else []) + sorted(problems),
        total=counts[filters.colour] if filters.colour else sum(counts.values()),
        others=others[:limit] if limit is not None else others,
        others_total=len(others),
    )
