"""The tables of the annual report, laid out as in the 2021 national format.

A table is plain data (labels, header cells with spans, rows of values), so one
structure feeds the web page, the Word and Excel files and the command's text,
and a published report can keep its tables as JSON exactly as published.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from opencounty.disclosure.models import AnnualReport
from opencounty.disclosure.outcomes import SUB_REASONS, Outcome

if TYPE_CHECKING:
    from opencounty.disclosure.annual_report import RequestsTable

Value = int | str


@dataclass
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Row:
    key: str
    label: str
    values: list[Value] = field(default_factory=list)  # empty: a heading over the rows below
    level: int = 0


@dataclass
class Table:
    key: str
    section: int
    title: str
    sheet: str  # Excel sheet name: at most 31 characters
    corner: str  # the cell above the row labels
    header: list[list[HeaderCell]]
    rows: list[Row]

    @property
    def width(self) -> int:
        return sum(cell.colspan for cell in self.header[0])

    def value(self, row_key: str, column: int) -> Value:
        return next(row.values[column] for row in self.rows if row.key == row_key)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Table:
        return cls(
            **{
                **data,
                "header": [[HeaderCell(**cell) for cell in line] for line in data["header"]],
                "rows": [Row(**row) for row in data["rows"]],
            }
        )


def decimal_text(value: Decimal) -> str:
    """12.5000 -> "12.5"; 0 -> "0": amounts as people write them."""
    return format(Decimal(value).normalize(), "f")


def _single_column_table(
    key: str, title: str, sheet: str, column: str, rows: list[tuple[str, str, Value]]
) -> Table:
    return Table(
        key=key,
        section=2,
        title=title,
        sheet=sheet,
        corner=_("信息内容"),
        header=[[HeaderCell(column)]],
        rows=[Row(row_key, label, [value]) for row_key, label, value in rows],
    )


def normative_documents_table(counts: dict[str, dict[str, Value]]) -> Table:
    """第二十条第（一）项: rules ('regulation') and normative documents ('normative') made this year,
    repealed this year and in force, as `catalogue.normative_document_counts` counts them."""
    columns = ("made", "repealed", "in_force")
    return Table(
        key="normative_documents",
        section=2,
        title=_("第二十条第（一）项"),
        sheet=_("规章和规范性文件"),
        corner=_("信息内容"),
        header=[
            [
                HeaderCell(_("本年制发件数")),
                HeaderCell(_("本年废止件数")),
                HeaderCell(_("现行有效件数")),
            ]
        ],
        rows=[
            Row("regulation", _("规章"), [counts["regulation"][c] for c in columns]),
            Row("normative", _("行政规范性文件"), [counts["normative"][c] for c in columns]),
        ],
    )


def staff_entered_section_two(report: AnnualReport) -> list[Table]:
    """第二十条第（五）、（六）、（八）项, which staff enter until the platform can count them."""
    decisions = _("本年处理决定数量")
    return [
        _single_column_table(
            "licensing",
            _("第二十条第（五）项"),
            _("行政许可"),
            decisions,
            [("licensing", _("行政许可"), report.licensing_decisions)],
        ),
        _single_column_table(
            "penalties",
            _("第二十条第（六）项"),
            _("行政处罚和行政强制"),
            decisions,
            [
                ("penalty", _("行政处罚"), report.penalty_decisions),
                ("compulsion", _("行政强制"), report.compulsion_decisions),
            ],
        ),
        _single_column_table(
            "fees",
            _("第二十条第（八）项"),
            _("行政事业性收费"),
            _("本年收费金额（单位：万元）"),
            [
                (
                    "administrative_fees",
                    _("行政事业性收费"),
                    decimal_text(report.administrative_fees_10k_yuan),
                )
            ],
        ),
    ]


REQUEST_COLUMNS = ("natural", "commercial", "research", "welfare", "legal_service", "other_org")
GROUP_NUMBERS = {
    Outcome.NOT_DISCLOSED: "（三）",
    Outcome.CANNOT_PROVIDE: "（四）",
    Outcome.NOT_HANDLED: "（五）",
    Outcome.OTHER: "（六）",
}


def _requests_header() -> list[list[HeaderCell]]:
    return [
        [HeaderCell(_("申请人情况"), colspan=7)],
        [
            HeaderCell(_("自然人"), rowspan=2),
            HeaderCell(_("法人或其他组织"), colspan=5),
            HeaderCell(_("总计"), rowspan=2),
        ],
        [
            HeaderCell(_("商业企业")),
            HeaderCell(_("科研机构")),
            HeaderCell(_("社会公益组织")),
            HeaderCell(_("法律服务机构")),
            HeaderCell(_("其他")),
        ],
    ]


def _outcome_rows(counts: RequestsTable) -> list[Row]:
    def counted(key: str, label: str, level: int) -> Row:
        values = [counts.cell(key, c) for c in (*REQUEST_COLUMNS, "total")]
        return Row(key, label, values, level)

    rows = [
        counted("disclosed", "（一）" + _("予以公开"), 1),
        counted("partly", "（二）" + _("部分公开（区分处理的，只计这一情形，不计其他情形）"), 1),
    ]
    for outcome, number in GROUP_NUMBERS.items():
        rows.append(Row(outcome, number + str(Outcome(outcome).label), [], 1))
        for n, (code, label) in enumerate(SUB_REASONS[outcome], start=1):
            rows.append(counted(f"{outcome}:{code}", f"{n}.{label}", 2))
    rows.append(counted("handled", "（七）" + _("总计"), 1))
    return rows


def requests_received_table(counts: RequestsTable) -> Table:
    """第三部分：收到和处理政府信息公开申请情况 (new + carried-in = handled + carried-out)."""

    def counted(key: str, label: str) -> Row:
        return Row(key, label, [counts.cell(key, c) for c in (*REQUEST_COLUMNS, "total")])

    return Table(
        key="requests",
        section=3,
        title=_("收到和处理政府信息公开申请情况"),
        sheet=_("依申请公开"),
        corner=_("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
        header=_requests_header(),
        rows=[
            counted("new", _("一、本年新收政府信息公开申请数量")),
            counted("carried_in", _("二、上年结转政府信息公开申请数量")),
            Row("outcomes", _("三、本年度办理结果"), []),
            *_outcome_rows(counts),
            counted("carried_out", _("四、结转下年度继续办理")),
        ],
    )


def requests_balanced(table: Table) -> bool:
    """新收 + 上年结转 = 本年办理 + 结转下年, in every column."""
    return all(
        table.value("new", c) + table.value("carried_in", c)
        == table.value("handled", c) + table.value("carried_out", c)
        for c in range(table.width)
    )


REVIEW_KINDS = ("review", "direct_suit", "suit_after_review")
REVIEW_RESULTS = ("upheld", "corrected", "other", "pending")


def review_counts(report: AnnualReport, kind: str) -> list[int]:
    """The four entered results of one row and their total."""
    values = [getattr(report, f"{kind}_{result}") for result in REVIEW_RESULTS]
    return [*values, sum(values)]


def review_and_litigation_table(report: AnnualReport) -> Table:
    """第四部分：政府信息公开行政复议、行政诉讼情况."""
    return Table(
        key="review",
        section=4,
        title=_("政府信息公开行政复议、行政诉讼情况"),
        sheet=_("行政复议和行政诉讼"),
        corner=_("类别"),
        header=[
            [
                HeaderCell(_("结果维持")),
                HeaderCell(_("结果纠正")),
                HeaderCell(_("其他结果")),
                HeaderCell(_("尚未审结")),
                HeaderCell(_("总计")),
            ]
        ],
        rows=[
            Row("review", _("行政复议"), review_counts(report, "review")),
            Row("litigation", _("行政诉讼"), []),
            Row("direct_suit", _("未经复议直接起诉"), review_counts(report, "direct_suit"), 1),
            Row(
                "suit_after_review",
                _("复议后起诉"),
                review_counts(report, "suit_after_review"),
                1,
            ),
        ],
    )
