"""The flow chart of a guide's procedure, drawn on the server as inline SVG (no script, no service).

Sequential steps are stacked top to bottom; a 联办件's steps that name a department run in
parallel, so consecutive ones are drawn side by side in one row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
BOX_HEIGHT = 64
ROW_GAP = 36
MARGIN = 12
BOX_GAP = 12


@dataclass
class Box:
    name: str
    detail: str
    x: float
    y: float
    width: float
    parallel: bool


def step_rows(steps, joint: bool) -> list[list]:
    """Steps grouped into rows: one step per row, except runs of a 联办件's department steps."""
    rows: list[list] = []
    for step in steps:
        parallel = joint and step.unit_id is not None
        if parallel and rows and rows[-1][0].unit_id is not None:
            rows[-1].append(step)
        else:
            rows.append([step])
    return rows


def step_detail(step) -> str:
    if getattr(step, "detail", ""):  # a caller's own line (a power's step says what happens)
        return step.detail
    parts = []
    if step.unit_id is not None:
        parts.append(step.unit.short_name)
    if step.days:
        parts.append(_("%(days)s个工作日") % {"days": step.days})
    else:
        parts.append(_("即时办结"))
    return "，".join(parts)


def layout(rows: list[list]) -> list[list[Box]]:
    placed = []
    for index, row in enumerate(rows):
        count = len(row)
        width = (WIDTH - 2 * MARGIN - (count - 1) * BOX_GAP) / count
        y = MARGIN + index * (BOX_HEIGHT + ROW_GAP)
        placed.append(
            [
                Box(
                    name=step.name,
                    detail=step_detail(step),
                    x=MARGIN + i * (width + BOX_GAP),
                    y=y,
                    width=width,
                    parallel=count > 1,
                )
                for i, step in enumerate(row)
            ]
        )
    return placed


def _box_svg(box: Box, number: int) -> str:
    centre = box.x + box.width / 2
    kind = "flow-step parallel" if box.parallel else "flow-step"
    return (
        f'<g class="{kind}" data-step="{number}">'
        f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" height="{BOX_HEIGHT}" '
        f'rx="6" class="flow-box"/>'
        f'<text x="{centre:.1f}" y="{box.y + 26:.1f}" text-anchor="middle" class="flow-name">'
        f"{escape(box.name)}</text>"
        f'<text x="{centre:.1f}" y="{box.y + 48:.1f}" text-anchor="middle" class="flow-detail">'
        f"{escape(box.detail)}</text></g>"
    )


def _arrows(upper: list[Box], lower: list[Box]) -> list[str]:
    """Lines from every box of a row to every box of the next (fan out and fan in)."""
    lines = []
    for a in upper:
        for b in lower:
            x1, y1 = a.x + a.width / 2, a.y + BOX_HEIGHT
            x2, y2 = b.x + b.width / 2, b.y
            lines.append(
                f'<line class="flow-arrow" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" '
                f'y2="{y2 - 2:.1f}" marker-end="url(#flow-arrowhead)"/>'
            )
    return lines


def flow_chart_svg(item) -> SafeString:
    """The item's procedure as an SVG image; empty when it has no steps."""
    steps = list(item.steps.all())
    if not steps:
        return mark_safe("")
    rows = layout(step_rows(steps, joint=item.item_kind == "joint"))
    height = 2 * MARGIN + len(rows) * BOX_HEIGHT + (len(rows) - 1) * ROW_GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flow-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="flow-title">',
        f'<title id="flow-title">{escape(_("办理流程图：%(title)s") % {"title": item.title})}</title>',
        '<defs><marker id="flow-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" class="flow-head"/></marker></defs>',
    ]
    for upper, lower in zip(rows, rows[1:], strict=False):
        parts.extend(_arrows(upper, lower))
    number = 0
    for row in rows:
        for box in row:
            number += 1
            parts.append(_box_svg(box, number))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above
