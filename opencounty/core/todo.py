"""我的待办: what waits on this person, from every app that registers a source.

A source is `func(user, today) -> list[TodoGroup]`; apps register theirs in
AppConfig.ready() (the case engine registers one group per kind of case). The dashboard
panel and the menu counters read `for_request`, each source computed at most once per
request. Every admin page shows counts in its menu, but only the case engine's (one menu item
per kind), so the menu asks that source alone; only the dashboard shows every source and the
items: a source may give them as `Later(load)`, read when first shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.functional import Promise


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    reference: str = ""  # e.g. the receipt number
    next_step: str | Promise = ""  # what the person does next, e.g. 登记受理
    due_on: date | None = None
    provisional: bool = False
    level: str = ""  # "red", "yellow" or ""


class Later(Sequence):
    """Items read on first use (`load() -> list[TodoItem]`), then kept."""

    def __init__(self, load: Callable[[], list[TodoItem]]) -> None:
        self._load = load
        self._items: list[TodoItem] | None = None

    def _loaded(self) -> list[TodoItem]:
        if self._items is None:
            self._items = list(self._load())
        return self._items

    def __getitem__(self, index):
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())

    def __iter__(self) -> Iterator[TodoItem]:
        return iter(self._loaded())


@dataclass
class TodoGroup:
    key: str  # stable, e.g. the kind's code
    label: str | Promise
    url: str  # the full list
    items: Sequence[TodoItem] = field(default_factory=list)  # a list, or Later
    count: int = 0  # may exceed len(items) when the list is cut
    # Of `count`, how many are red or yellow, when the source counts them (the list may be
    # cut); else the items' own colours are counted.
    urgent_count: int | None = None

    @property
    def urgent(self) -> int:
        if self.urgent_count is not None:
            return self.urgent_count
        return sum(1 for item in self.items if item.level)


Source = Callable[[object, date], list[TodoGroup]]
_sources: list[Source] = []
URGENCY = {"red": 0, "yellow": 1, "": 2}


def register(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def groups_for(user, today: date) -> list[TodoGroup]:
    return [group for source in _sources for group in _groups_of(source, user, today)]


def _groups_of(source: Source, user, today: date) -> list[TodoGroup]:
    groups = [group for group in source(user, today) if group.count]
    for group in groups:
        group.items = Later(lambda items=group.items: _most_urgent_first(items))
    return groups


def _most_urgent_first(items: Sequence[TodoItem]) -> list[TodoItem]:
    return sorted(items, key=lambda item: (URGENCY[item.level], item.due_on or date.max))


def for_request(request, source: Source | None = None) -> list[TodoGroup]:
    """This request's user's to-do, from every source or from `source` alone; each source
    computed once per request."""
    computed = request.__dict__.setdefault("_opencounty_todo", {})
    groups = []
    for wanted in (source,) if source is not None else _sources:
        if wanted not in computed:
            computed[wanted] = _groups_of(wanted, request.user, timezone.localdate())
        groups += computed[wanted]
    return groups
