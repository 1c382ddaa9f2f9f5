"""Kinds of case: each domain declares its states, legal transitions and deadline rules here.

A domain app registers its kind in its AppConfig.ready(); the engine and
supervision read every kind the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class CaseKind:
    code: str
    label: str | Promise
    receipt_prefix: str
    time_limit: int  # working days from the clock's start
    states: dict[str, str | Promise]
    initial_state: str
    # verb -> (states it may start from, state it leads to); None keeps the state
    transitions: dict[str, tuple[frozenset[str], str | None]] = field(default_factory=dict)
    closed_states: frozenset[str] = frozenset()
    transfer_restarts_clock: bool = False
    warning_days: int = 2  # yellow when due within this many working days
    # Included in the public progress lookup for what only this kind shows (optional).
    lookup_template: str = ""
    # Timeline labels of the kind's own verbs (the shared verbs are labelled by the engine).
    verb_labels: dict[str, str | Promise] = field(default_factory=dict)

    def allows(self, verb: str, state: str) -> bool:
        sources, _target = self.transitions.get(verb, (frozenset(), None))
        return state in sources

    def target(self, verb: str, state: str) -> str:
        return self.transitions[verb][1] or state


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
    _KINDS[kind.code] = kind
    return kind


def get(code: str) -> CaseKind:
    return _KINDS[code]


def all_kinds() -> list[CaseKind]:
    return list(_KINDS.values())
