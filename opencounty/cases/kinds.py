"""Kinds of case: each domain declares its states, legal transitions and deadline rules here,
and (in its AppConfig.ready()) how its staff handle it: the verbs with label, form and action,
who may act, and who may see.

The engine and supervision read every kind the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.forms import Form
from django.utils.functional import Promise

Label = str | Promise


@dataclass(frozen=True)
class Permission:
    """Who may do something to a case, and what the others are told."""

    test: Callable[[Any, Any], bool]  # (user, case) -> bool
    refusal: Label
    # The same rule as a condition on cases, (user) -> Q, so that 我的待办 counts and lists
    # the cases waiting on someone in a few queries; without one, each case is asked.
    where: Callable[[Any], Q] | None = None


@dataclass(frozen=True)
class StaffVerb:
    """One thing staff do to a case on its handling screen."""

    label: Label
    form: type[Form]
    # (case, actor, cleaned form data) -> case; the domain's action.
    perform: Callable[[Any, Any, dict], Any]
    # Beyond the kind's transitions: whether to offer it now (case, user) -> bool.
    shown: Callable[[Any, Any], bool] | None = None
    # Extra keyword arguments for the form (case, user) -> dict.
    form_kwargs: Callable[[Any, Any], dict] | None = None
    # A template to render this verb's form instead of the plain one (optional).
    template: str = ""
    # For a verb on parts of a case (a joint step): (case, user) -> [(key, name, part)];
    # one form per part, the action gets the part as data["target"].
    targets: Callable[[Any, Any], list[tuple[str, str, Any]]] | None = None
    # A discretionary verb (publishing a reply, withdrawing it): offered, but it never makes
    # the case wait on anyone in 我的待办.
    optional: bool = False
    # `shown` and `targets` together as a condition on cases, (user, today) -> Q (see
    # Permission.where); a verb with either and without this is asked case by case.
    where: Callable[[Any, Any], Q] | None = None


@dataclass(frozen=True)
class Handling:
    """How staff handle a kind: the generic inbox and detail screens in `cases` read this."""

    admin_path: str  # e.g. "disclosure-requests": the screens live under /admin/<admin_path>/
    menu_label: Label
    menu_icon: str = "tasks"
    menu_order: int = 250
    # Who sees the menu item beyond the staff of any unit (e.g. window staff), (user) -> bool.
    menu_also_for: Callable[[Any], bool] | None = None
    verbs: dict[str, StaffVerb] = field(default_factory=dict)
    # Who may act, per verb, beyond the default (the owning unit's staff and the county office).
    permissions: dict[str, Permission] = field(default_factory=dict)
    # The cases a user sees (default: their units', every unit's for the county office).
    visible: Callable[[Any], Any] | None = None
    # The cases that may wait on a user in 我的待办 (default: their own units', not the ones
    # they only supervise), (user) -> queryset.
    waiting: Callable[[Any], Any] | None = None
    # Related rows the screens read (select_related and prefetch_related names).
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    detail_template: str = ""  # the kind's own part of the detail screen
    list_columns: tuple[tuple[Label, str], ...] = ()  # (heading, template of the cell)
    # Named list filters: name -> (label, (queryset, user) -> queryset, shown to (user) -> bool)
    list_filters: dict[str, tuple[Label, Callable, Callable]] = field(default_factory=dict)
    # Notices above the list: (user, visible cases, today) -> (template, context) or None
    list_notice: Callable[[Any, Any, Any], tuple[str, dict] | None] | None = None
    title_heading: Label = ""  # heading of the title column ("申请内容", "事项"…)
    # The kind's own context for its detail template: (case, user, today, calendar) -> dict
    detail_context: Callable[[Any, Any, Any, Any], dict] | None = None


WORKING_DAYS, CALENDAR_DAYS, MINUTES = "working_days", "calendar_days", "minutes"
CLOCK_UNITS = (WORKING_DAYS, CALENDAR_DAYS, MINUTES)


@dataclass(eq=False)
class CaseKind:
    """What kind of case this is. `time_limit` and `warning_days` count in the kind's
    `clock_unit`: working days (the default), calendar days (a period "within 90 days",
    moved to the next working day when it ends on a day off) or minutes (incident reports:
    the period runs from a moment, `Case.clock_started_at`, to `Case.due_at`)."""

    code: str
    label: Label
    receipt_prefix: str
    time_limit: int  # working days from the clock's start (a case may carry its own)
    states: dict[str, Label]
    initial_state: str
    # verb -> (states it may start from, state it leads to); None keeps the state
    transitions: dict[str, tuple[frozenset[str], str | None]] = field(default_factory=dict)
    closed_states: frozenset[str] = frozenset()
    transfer_restarts_clock: bool = False
    # Yellow when due within this many working days (minutes, for a minute clock);
    # CASE_WARNING_DAYS (read when asked, so a changed setting counts) unless the kind sets
    # its own.
    warning_days: int | None = None
    # Included in the public progress lookup for what only this kind shows (optional).
    lookup_template: str = ""
    # Timeline labels of the kind's own verbs (the shared verbs are labelled by the engine).
    verb_labels: dict[str, Label] = field(default_factory=dict)
    # Mail the submitter when the case is answered (kinds that tell them otherwise say no).
    notify_submitter: bool = True
    # What the summaries (staff detail, public lookup) show for the owning unit:
    # (case) -> (heading, text); default ("承办单位", the unit's name). A letter waiting for
    # the dispatchers shows the unit its writer chose.
    unit_summary: Callable[[Any], tuple[Label, str]] | None = None
    handling: Handling | None = None
    clock_unit: str = WORKING_DAYS

    @property
    def counts_minutes(self) -> bool:
        return self.clock_unit == MINUTES

    def allows(self, verb: str, state: str) -> bool:
        sources, _target = self.transitions.get(verb, (frozenset(), None))
        return state in sources

    def target(self, verb: str, state: str) -> str:
        return self.transitions[verb][1] or state

    @property
    def warning_window(self) -> int:
        if self.warning_days is not None:
            return self.warning_days
        return settings.CASE_WARNING_MINUTES if self.counts_minutes else settings.CASE_WARNING_DAYS

    def permission(self, verb: str) -> Permission | None:
        return self.handling.permissions.get(verb) if self.handling else None


_KINDS: dict[str, CaseKind] = {}


def register(kind: CaseKind) -> CaseKind:
    if kind.initial_state not in kind.states:
        raise ValueError(
            f"{kind.code}: initial state {kind.initial_state} is not one of its states"
        )
    for verb, (sources, target) in kind.transitions.items():
        unknown = set(sources) | ({target} if target else set())
        if not unknown <= set(kind.states):
            raise ValueError(
                f"{kind.code}: {verb} names unknown states {unknown - set(kind.states)}"
            )
    if kind.clock_unit not in CLOCK_UNITS:
        raise ValueError(f"{kind.code}: unknown clock unit {kind.clock_unit}")
    _KINDS[kind.code] = kind
    return kind


def register_handling(code: str, handling: Handling) -> None:
    """Called from the domain's AppConfig.ready(): its staff screens and permissions."""
    kind = _KINDS[code]
    unknown = (set(handling.verbs) | set(handling.permissions)) - set(kind.transitions)
    if unknown:
        raise ValueError(f"{code}: handling names verbs the kind has no transition for: {unknown}")
    kind.handling = handling


def get(code: str) -> CaseKind:
    return _KINDS[code]


def all_kinds() -> list[CaseKind]:
    return list(_KINDS.values())


def handled_kinds() -> list[CaseKind]:
    return [kind for kind in _KINDS.values() if kind.handling is not None]
