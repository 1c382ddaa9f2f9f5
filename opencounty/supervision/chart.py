"""A server-side SVG bar chart of each unit's on-time rate (no script, no external service).
The table next to it carries the same figures for screen readers."""

from __future__ import annotations

from dataclasses import dataclass

from opencounty.supervision.assessment import UnitFigures

LABEL_WIDTH = 160
BAR_AREA = 400
BAR_HEIGHT = 18
GAP = 8
TOP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the value as shown, "—" when the unit closed nothing
    y: int
    width: int
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]


def on_time_chart(rows: list[UnitFigures]) -> Chart:
    bars = []
    for index, row in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + GAP)
        rate = row.on_time_rate
        width = round(BAR_AREA * rate / 100) if rate is not None else 0
        bars.append(
            Bar(
                label=row.unit.short_name,
                text=f"{rate:g}%" if rate is not None else "—",
                y=y,
                width=width,
                text_x=LABEL_WIDTH + width + 6,
                text_y=y + BAR_HEIGHT - 4,
            )
        )
    return Chart(
        width=LABEL_WIDTH + BAR_AREA + 60,
        height=TOP * 2 + len(rows) * (BAR_HEIGHT + GAP),
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        bars=bars,
    )
