"""Extension points for domain apps: what supervision cannot see in cases.Case alone.

A domain app registers its functions in its AppConfig.ready(); supervision calls every
registered function and never needs to change when a new kind arrives.

- `register_sub_items(func)`: func(cases) -> iterable of SubItem, for parts of a case that
  run on their own deadline (e.g. the parallel steps of a joint application 联办件).
- `register_flags(func)`: func(cases) -> {case id: [flag text, ...]}, for domain-specific
  irregularities (e.g. "rejected without reasons" 不予受理未说明理由).
- `register_guide_check(func)`: func(units) -> iterable of IncompleteGuide, the units' service
  guides that miss key elements (one call for every unit of the assessment).
- `register_overdue_items(func)`: func(units, today) -> iterable of OverdueItem, work that is
  not a case but runs on a deadline the county office supervises (e.g. a document a unit has
  not signed for). Return only the items due on or before the end of their warning window
  (`due_on <= today + warning_days` in working days is the board's rule; returning more only
  costs time, the board drops items with no colour). `units` is a queryset of the units the
  user supervises, already narrowed by the board's unit filter.

`cases` is always a queryset of cases.Case already limited to what the user may see and to
the board's filters: the open cases for sub-items; for flags, the open cases and those closed
in the last board.FLAGGED_CLOSED_DAYS days — a flagged closed case is shown, an unflagged
one is not (so a rejection without reasons stays visible after the rejection closed it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils.functional import Promise

from opencounty.cases.models import Case
from opencounty.core.models import Unit


@dataclass(frozen=True)
class SubItem:
    """A part of a case on its own deadline, shown as its own row under the case."""

    case: Case
    label: str | Promise  # e.g. "县市场监管局审查环节"
    unit: Unit
    state_label: str | Promise
    due_on: date | None
    flags: tuple[str | Promise, ...] = field(default_factory=tuple)
    provisional: bool = False  # the due date counts days of a year not entered yet (暂定)


@dataclass(frozen=True)
class IncompleteGuide:
    """A service guide (办事指南) missing key elements, for the assessment's drill-down."""

    unit_id: int
    title: str
    missing: tuple[str, ...]
    url: str = ""  # where staff complete it


@dataclass(frozen=True)
class OverdueItem:
    """Something other than a case on a supervised deadline: one row of the board's second
    table. Say only what the supervisor may read (a reference such as the 文号, not a title
    or body of another unit's correspondence), and link only where the supervisor may go."""

    unit: Unit
    category: str | Promise  # e.g. "公文签收"
    reference: str  # e.g. "示政办发〔2026〕12号"
    state_label: str | Promise
    due_on: date
    warning_days: int = 0  # yellow this many working days before due_on (0: on the day)
    url: str = ""


SubItemSource = Callable[[QuerySet[Case]], Iterable[SubItem]]
FlagSource = Callable[[QuerySet[Case]], dict[int, list[str | Promise]]]
GuideCheck = Callable[[list[Unit]], Iterable[IncompleteGuide]]
OverdueSource = Callable[[QuerySet[Unit], date], Iterable[OverdueItem]]

_sub_item_sources: list[SubItemSource] = []
_flag_sources: list[FlagSource] = []
_guide_checks: list[GuideCheck] = []
_overdue_sources: list[OverdueSource] = []


def _add(registry: list, func: Callable) -> Callable:
    if func not in registry:
        registry.append(func)
    return func


def register_sub_items(func: SubItemSource) -> SubItemSource:
    return _add(_sub_item_sources, func)


def register_flags(func: FlagSource) -> FlagSource:
    return _add(_flag_sources, func)


def register_guide_check(func: GuideCheck) -> GuideCheck:
    return _add(_guide_checks, func)


def register_overdue_items(func: OverdueSource) -> OverdueSource:
    return _add(_overdue_sources, func)


def unregister(func: Callable) -> None:
    """Remove a registered function (tests register their own and clean up)."""
    for registry in (_sub_item_sources, _flag_sources, _guide_checks, _overdue_sources):
        if func in registry:
            registry.remove(func)


def sub_items(cases: QuerySet[Case]) -> list[SubItem]:
    return [item for source in _sub_item_sources for item in source(cases)]


def flags(cases: QuerySet[Case]) -> dict[int, list[str]]:
    collected: dict[int, list[str]] = defaultdict(list)
    for source in _flag_sources:
        for case_id, texts in source(cases).items():
            collected[case_id].extend(str(text) for text in texts)
    return collected


def incomplete_guides(units: list[Unit]) -> dict[int, list[IncompleteGuide]]:
    """Per unit id, its incomplete guides (none until an app, services, registers a check)."""
    found: dict[int, list[IncompleteGuide]] = {unit.pk: [] for unit in units}
    for check in _guide_checks:
        for guide in check(units):
            if guide.unit_id in found:
                found[guide.unit_id].append(guide)
    return found


def overdue_items(units: QuerySet[Unit], today: date) -> list[OverdueItem]:
    return [item for source in _overdue_sources for item in source(units, today)]
