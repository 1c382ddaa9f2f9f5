"""A power's flow chart, drawn by the service items' server-side SVG drawing
(`opencounty.services.flowchart`): the same look, no script."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from opencounty.services.flowchart import flow_chart_svg


@dataclass
class _Step:
    name: str
    description: str = ""
    days: int = 0
    unit_id: None = None
    unit: None = None
    detail: str = ""


@dataclass
class _Steps:
    steps: list[_Step] = field(default_factory=list)

    def all(self) -> list[_Step]:
        return self.steps


@dataclass
class _Chart:
    title: str
    steps: _Steps
    item_kind: str = "sequential"


DETAIL_LENGTH = 30


def _detail(row: dict) -> str:
    """A step without its own time limit shows what happens in it instead of 即时办结."""
    description = str(row.get("description", ""))
    if row.get("days") or not description:
        return ""
    return description if len(description) <= DETAIL_LENGTH else description[:DETAIL_LENGTH] + "…"


def steps_of(rows: list[dict]) -> list[_Step]:
    return [
        _Step(
            name=str(row.get("name", "")),
            description=str(row.get("description", "")),
            days=int(row.get("days") or 0),
            detail=_detail(row),
        )
        for row in rows
    ]


def power_flow_chart(title: str, rows: list[dict]) -> SafeString:
    """The steps (dicts with name, description, days) as an SVG image; empty without steps."""
    return flow_chart_svg(_Chart(title=title, steps=_Steps(steps_of(rows))))
