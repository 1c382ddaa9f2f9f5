"""The annual report in the 2021 national format (政府信息公开工作年度报告).

`requests_table` counts the third section (第三部分：收到和处理政府信息公开申请情况);
`build_report` gathers all six sections of a unit's report, or of the county's.

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
from opencounty.disclosure.catalogue import normative_document_counts
from opencounty.disclosure.models import AnnualReport, DisclosureRequest
from opencounty.disclosure.outcomes import SUB_REASONS, Outcome
from opencounty.disclosure.report_tables import (
    Table,
    decimal_text,
    normative_documents_table,
    requests_balanced,
    requests_received_table,
    review_and_litigation_table,
    staff_entered_section_two,
)

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


def report_units(unit: Unit) -> list[Unit]:
    """The county government's report aggregates every unit; any other unit reports for itself."""
    if unit.kind == Unit.Kind.COUNTY_GOVERNMENT:
        return list(Unit.objects.all())
    return [unit]


@dataclass
class ReportDocument:
    """Everything a report shows: the stored report (narrative, entered figures) and the tables."""

    report: AnnualReport
    tables: list[Table]

    @property
    def unit(self) -> Unit:
        return self.report.unit

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def title(self) -> str:
        return _("%(unit)s%(year)s年政府信息公开工作年度报告") % {
            "unit": self.unit.name,
            "year": self.year,
        }

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def section(self, number: int) -> list[Table]:
        return [t for t in self.tables if t.section == number]

    @property
    def balanced(self) -> bool:
        return requests_balanced(self.table("requests"))

    @property
    def fee_statement(self) -> str:
        report = self.report
        if not report.fee_notices and not report.fees_collected_yuan:
            return str(_("本年度未发出信息处理费收费通知，未收取信息处理费。"))
        return _(
            "本年度共发出信息处理费收费通知%(notices)s件，总金额%(notified)s元；"
            "实际收取总金额%(collected)s元。"
        ) % {
            "notices": report.fee_notices,
            "notified": decimal_text(report.fees_notified_yuan),
            "collected": decimal_text(report.fees_collected_yuan),
        }


def computed_tables(report: AnnualReport, units: list[Unit]) -> list[Table]:
    """The tables of sections 2 to 4, from the data as they stand and the figures staff entered."""
    year = report.year
    return [
        normative_documents_table(normative_document_counts(units, year)),
        *staff_entered_section_two(report),
        requests_received_table(requests_table(units, year)),
        review_and_litigation_table(report),
    ]


def _owning_unit(units: list[Unit]) -> Unit:
    county = [u for u in units if u.kind == Unit.Kind.COUNTY_GOVERNMENT]
    return county[0] if county else units[0]


def build_report(units: list[Unit], year: int) -> ReportDocument:
    """The report of one unit (a list of one), or the county's (the county government and all
    units): the tables count every unit listed; the narrative and the entered figures are the
    stored report of the county government's unit, or of the only unit."""
    owner = _owning_unit(units)
    report = AnnualReport.objects.filter(unit=owner, year=year).first()
    if report is None:
        report = AnnualReport(unit=owner, year=year)
    return ReportDocument(report, computed_tables(report, units))


def document_for(report: AnnualReport) -> ReportDocument:
    """A published report exactly as published; a draft as the data stand now."""
    if report.is_published and report.published_tables:
        return ReportDocument(report, [Table.from_dict(t) for t in report.published_tables])
    return ReportDocument(report, computed_tables(report, report_units(report.unit)))
