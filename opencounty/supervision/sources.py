"""Extension points for domain apps: what supervision cannot see in cases.Case alone.

A domain app registers its functions in its AppConfig.ready(); supervision calls every
registered function and never needs to change when a new kind arrives.

- `register_sub_items(func)`: func(cases) -> iterable of SubItem, for parts of a case that
  run on their own deadline (e.g. the parallel steps of a joint application 联办件).
- `register_flags(func)`: func(cases) -> {case id: [flag text, ...]}, for domain-specific
  irregularities (e.g. "rejected without reasons" 不予受理未说明理由).
- `register_guide_check(func)`: func(units) -> iterable of IncompleteGuide, the units' service
  guides that miss key elements (one call for every unit of the assessment).

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


SubItemSource = Callable[[QuerySet[Case]], Iterable[SubItem]]
FlagSource = Callable[[QuerySet[Case]], dict[int, list[str | Promise]]]
GuideCheck = Callable[[list[Unit]], Iterable[IncompleteGuide]]

_sub_item_sources: list[SubItemSource] = []
_flag_sources: list[FlagSource] = []
_guide_checks: list[GuideCheck] = []


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


def unregister(func: Callable) -> None:
    """Remove a registered function (tests register their own and clean up)."""
    for registry in (_sub_item_sources, _flag_sources, _guide_checks):
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
