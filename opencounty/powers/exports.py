"""The public list of powers as an Excel workbook: every cell written through
core.export_text, so a name typed as ``=HYPERLINK(...)`` stays text."""

from __future__ import annotations

from io import BytesIO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from opencounty.core import export_text
from opencounty.powers.models import PowerVersion


def _bases(version: PowerVersion) -> str:
    return "\n".join(
        f"{b.get('law', '')}{b.get('article', '')}" + (f"：{b['text']}" if b.get("text") else "")
        for b in version.bases
    )


def powers_workbook(versions: QuerySet[PowerVersion]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("权力清单")
    export_text.append(
        sheet,
        [
            _("权力编码"),
            _("权力名称"),
            _("权力类别"),
            _("实施主体"),
            _("承办机构"),
            _("设定依据"),
            _("责任事项"),
            _("追责情形"),
            _("办理时限"),
            _("收费标准"),
            _("收费依据"),
            _("版本"),
            _("调整日期"),
        ],
    )
    for v in versions.select_related("unit"):
        export_text.append(
            sheet,
            [
                v.code,
                v.name,
                v.get_category_display(),
                v.unit.name,
                v.section,
                _bases(v),
                v.responsibilities,
                v.accountability,
                v.time_limit,
                v.fees,
                v.fee_basis,
                v.number,
                v.adjusted_on,
            ],
        )
    for column, width in zip(
        "ABCDEFGHIJKLM", (16, 30, 12, 24, 16, 50, 40, 40, 14, 20, 20, 6, 12), strict=True
    ):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
