"""The requests table of the annual report in the 2021 national format (第三部分：收到和处理政府信息公开申请情况).

Columns: natural persons; legal persons or other organisations split into
commercial enterprises, research institutions, social-welfare organisations,
legal-service organisations and others; total. Rows: new this year, carried over
from last year, each outcome (and sub-reason) handled this year, total handled,
carried over to next year. new + carried-in = handled + carried-out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.outcomes import SUB_REASONS, Outcome

T = DisclosureRequest.ApplicantType
COLUMNS = [
    (T.NATURAL_PERSON, _("自然人")),
    (T.COMMERCIAL, _("商业企业")),
    (T.RESEARCH, _("科研机构")),
    (T.SOCIAL_WELFARE, _("社会公益组织")),
    (T.LEGAL_SERVICE, _("法律服务机构")),
    (T.OTHER_ORGANISATION, _("其他")),
    ("total", _("总计")),
]


def _outcome_rows() -> list[tuple[str, str, str]]:
    """(row key, outcome, sub-reason) in the order of the national table."""
    rows = [("disclosed", Outcome.DISCLOSED, ""), ("partly", Outcome.PARTLY_DISCLOSED, "")]
    for outcome in (
        Outcome.NOT_DISCLOSED,
        Outcome.CANNOT_PROVIDE,
        Outcome.NOT_HANDLED,
        Outcome.OTHER,
    ):
        rows += [(f"{outcome}:{code}", outcome, code) for code, _label in SUB_REASONS[outcome]]
    return rows


OUTCOME_ROWS = _outcome_rows()


@dataclass
class RequestsTable:
    unit_names: list[str]
    year: int
    cells: dict[str, Counter] = field(default_factory=dict)

    def cell(self, row: str, column: str) -> int:
        return self.cells.get(row, Counter())[column]

    def row_total(self, row: str) -> int:
        return self.cell(row, "total")

    @property
    def balanced(self) -> bool:
        """新收 + 上年结转 = 本年办理 + 结转下年, in every column."""
        return all(
            self.cell("new", c) + self.cell("carried_in", c)
            == self.cell("handled", c) + self.cell("carried_out", c)
            for c, _label in COLUMNS
        )


def _count(table: RequestsTable, row: str, requests) -> None:
    counter = Counter(r.applicant_type for r in requests)
    counter["total"] = sum(counter.values())
    table.cells[row] = counter


def requests_table(units: list[Unit], year: int) -> RequestsTable:
    """Compute the table for one unit, or for a county's units together (a list)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    base = list(
        DisclosureRequest.objects.filter(case__unit__in=units)
        .select_related("case")
        .filter(Q(decided_on__isnull=True) | Q(decided_on__gte=start))
    )

    def submitted_on(r) -> date:
        return timezone.localtime(r.case.submitted_at).date()

    received = [r for r in base if submitted_on(r) <= end]
    table = RequestsTable(unit_names=[u.name for u in units], year=year)
    _count(table, "new", [r for r in received if submitted_on(r) >= start])
    _count(table, "carried_in", [r for r in received if submitted_on(r) < start])
    handled = [r for r in received if r.decided_on is not None and r.decided_on <= end]
    for key, outcome, sub_reason in OUTCOME_ROWS:
        _count(
            table, key, [r for r in handled if r.outcome == outcome and r.sub_reason == sub_reason]
        )
    _count(table, "handled", handled)
    _count(
        table, "carried_out", [r for r in received if r.decided_on is None or r.decided_on > end]
    )
    return table
