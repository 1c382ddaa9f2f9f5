"""A server-side SVG column chart of the units' scores, highest first (no script, no external
service). One narrow column per unit keeps sixty units on one screen (the demo county's 61:
1,264 x 343 px), where a bar per line needed 1,600 px of height. Unit names run vertically
under the columns, as Chinese is often set; the ranked table above the chart carries the
same figures for screen readers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from opencounty.supervision.assessment import RED_BELOW, YELLOW_BELOW, UnitFigures, points_text

AXIS = 36  # room for the score labels left of the plot
TOP = 34  # room for the vertical value above a full column
PLOT = 150  # px for 100 points
COLUMN = 20  # px per unit
BAR = 12
LABEL_CHAR = 13  # px per character of a vertical unit name
GRID = (0, RED_BELOW, YELLOW_BELOW, 100)


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the score as shown
    x: int  # left edge of the bar
    y: int  # top of the bar
    height: int
    centre: int  # of the column: where the vertical texts run
    level: str  # "red", "yellow" or ""


@dataclass(frozen=True)
class Gridline:
    y: int
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: int
    label_top: int
    bar_width: int
    bars: list[Bar]
    grid: list[Gridline]


def _y(points: Decimal | int) -> int:
    return TOP + PLOT - round(PLOT * Decimal(points) / 100)


def score_chart(rows: list[UnitFigures]) -> Chart:
    """One column per unit, in the order of the ranking (highest score first)."""
    ordered = sorted(rows, key=lambda row: -row.score)
    longest = max((len(row.unit.short_name) for row in ordered), default=0)
    bars = []
    for index, row in enumerate(ordered):
        left = AXIS + index * COLUMN
        top = _y(row.score)
        bars.append(
            Bar(
                label=row.unit.short_name,
                text=points_text(row.score),
                x=left + (COLUMN - BAR) // 2,
                y=top,
                height=TOP + PLOT - top,
                centre=left + COLUMN // 2,
                level=row.level,
            )
        )
    baseline = TOP + PLOT
    return Chart(
        width=AXIS + COLUMN * max(len(ordered), 1) + 8,
        height=baseline + 8 + LABEL_CHAR * longest + 8,
        plot_left=AXIS,
        plot_right=AXIS + COLUMN * max(len(ordered), 1),
        baseline=baseline,
        label_top=baseline + 6,
        bar_width=BAR,
        bars=bars,
        grid=[Gridline(_y(points), str(points)) for points in GRID],
    )
