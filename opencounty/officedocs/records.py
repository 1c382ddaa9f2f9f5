"""Looking documents up again: search of sent and received documents, and the yearly archive
export (年度归档) a unit hands to the archives bureau.

Search covers only what `officedocs.access.visible_documents` lets the person see. The archive
holds a unit's own sent documents of one year: each as .docx (`officedocs.paper`) with its
attachments, and a register (登记表.xlsx) of 文号, title, sender, date, recipients and their
sign-for state. Only the unit's own handling staff may export it.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from opencounty.core import audit, export_text
from opencounty.core.access import holds_role, is_administrator
from opencounty.core.models import Unit
from opencounty.officedocs import access, paper
from opencounty.officedocs.actions import Refused
from opencounty.officedocs.models import Delivery, OfficialDocument

SEARCH_LIMIT = 200


# Search --------------------------------------------------------------------------------------


@dataclass
class Query:
    number: str = ""
    title: str = ""
    unit: Unit | None = None
    since: date | None = None
    until: date | None = None
    direction: str = ""  # "sent", "received" or "" (both)


def search(user, query: Query) -> QuerySet[OfficialDocument]:
    """Sent documents the user may see that match every given criterion, newest first, with
    their sender and deliveries fetched (a constant number of queries for the page)."""
    units = access.my_unit_ids(user)
    documents = access.visible_documents(user).filter(state=OfficialDocument.State.SENT)
    if query.direction == "sent":
        documents = documents.filter(sender_id__in=units)
    elif query.direction == "received":
        documents = documents.filter(deliveries__unit_id__in=units)
    if query.number:
        documents = documents.filter(number__icontains=query.number)
    if query.title:
        for word in query.title.split():
            documents = documents.filter(title__icontains=word)
    if query.unit is not None:
        documents = documents.filter(Q(sender=query.unit) | Q(deliveries__unit=query.unit))
    if query.since:
        documents = documents.filter(sent_at__date__gte=query.since)
    if query.until:
        documents = documents.filter(sent_at__date__lte=query.until)
    return (
        documents.distinct()
        .select_related("sender")
        .prefetch_related(Prefetch("deliveries", queryset=Delivery.objects.select_related("unit")))
        .order_by("-sent_at", "-id")
    )


# The yearly archive --------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def safe_file_name(name: str, *, limit: int = 80) -> str:
    """A file name every system accepts: no path separator, control or reserved character, no
    leading dot, not too long."""
    cleaned = _UNSAFE.sub("_", export_text.xml_text(name)).replace("\n", " ").strip(" .")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)
    return cleaned[:limit].strip(" .") or "_"


def may_export(user, unit: Unit) -> bool:
    return not is_administrator(user) and holds_role(user, unit)


def archive_documents(unit: Unit, year: int) -> QuerySet[OfficialDocument]:
    return (
        OfficialDocument.objects.filter(sender=unit, state=OfficialDocument.State.SENT, year=year)
        .select_related("sender")
        .prefetch_related(
            "attachments",
            Prefetch("deliveries", queryset=Delivery.objects.select_related("unit")),
        )
        .order_by("prefix", "serial")
    )


def delivery_state(delivery: Delivery) -> str:
    text = delivery.get_state_display()
    if delivery.register_number:
        text += f"（{delivery.register_number}）"
    return f"{delivery.unit.name}：{text}"


def register(documents: list[OfficialDocument]) -> bytes:
    """登记表.xlsx: one row per document."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("发文登记")
    titles = [
        _("序号"),
        _("发文字号"),
        _("标题"),
        _("发文单位"),
        _("发出日期"),
        _("紧急程度"),
        _("收文单位"),
        _("签收情况"),
        _("已签收/总数"),
        _("附件数"),
    ]
    for cell in export_text.append(sheet, titles):
        cell.font = Font(bold=True)
    for n, document in enumerate(documents, start=1):
        deliveries = list(document.deliveries.all())
        # Signed for: also those in 拟办 / 批办 (承办中) since the document flow.
        signed = sum(1 for d in deliveries if d.signed_at is not None)
        cells = export_text.append(
            sheet,
            [
                n,
                document.number,
                document.title,
                document.sender.name,
                timezone.localdate(document.sent_at).isoformat(),
                document.get_urgency_display(),
                "、".join(d.unit.name for d in deliveries),
                "\n".join(delivery_state(d) for d in deliveries),
                f"{signed}/{len(deliveries)}",
                len(document.attachments.all()),
            ],
        )
        for cell in cells[6:8]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFGHIJ", (6, 22, 40, 24, 12, 10, 40, 50, 12, 8), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_archive(actor, unit: Unit, year: int):
    """The unit's documents of `year` as a .zip (a temporary file, rewound), and its name."""
    if not may_export(actor, unit):
        message = _("只能导出本单位的发文归档：您不是%(unit)s的工作人员。") % {"unit": unit.name}
        audit.record(
            "officedocs.archive_export",
            actor=actor,
            obj=unit,
            outcome="refused",
            details={"reason": message, "year": year},
        )
        raise Refused(message)
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise Refused(_("年度应在 2000 年至 %(year)s 年之间。") % {"year": this_year})
    documents = list(archive_documents(unit, year))
    out = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_("登记表.xlsx"), register(documents))
        for n, document in enumerate(documents, start=1):
            stem = safe_file_name(f"{n:03d}_{document.number}_{document.title}")
            archive.writestr(f"{stem}.docx", paper.render(document))
            for m, attachment in enumerate(document.attachments.all(), start=1):
                name = safe_file_name(f"{m:02d}_{attachment.name}", limit=100)
                with attachment.file.open("rb") as source:
                    with archive.open(f"{stem}_{_('附件')}/{name}", "w") as target:
                        while chunk := source.read(1024 * 1024):
                            target.write(chunk)
    out.seek(0)
    audit.record(
        "officedocs.archive_export",
        actor=actor,
        obj=unit,
        details={"year": year, "documents": len(documents)},
    )
    name = safe_file_name(_("%(unit)s%(year)s年发文归档") % {"unit": unit.short_name, "year": year})
    return out, f"{name}.zip"
