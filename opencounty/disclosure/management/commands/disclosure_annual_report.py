from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opencounty.core.models import Unit
from opencounty.disclosure.annual_report import build_report, document_for, report_units
from opencounty.disclosure.models import AnnualReport
from opencounty.disclosure.report_exports import to_docx, to_text, to_xlsx

FORMATS = ("text", "xlsx", "docx")


class Command(BaseCommand):
    help = (
        "Print every table of a unit's (or the county's) annual disclosure report, "
        "or write it as Word or Excel."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--unit",
            required=True,
            help="unit code; the county government's code aggregates all units",
        )
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=FORMATS, default="text")
        parser.add_argument("--output", help="file to write (required for xlsx and docx)")

    def handle(self, *args, unit: str, year: int, format: str, output: str | None, **options):
        found = Unit.objects.filter(code=unit).first()
        if found is None:
            raise CommandError(f"没有代码为 {unit} 的单位")
        if format != "text" and not output:
            raise CommandError("导出 Word 或 Excel 文件时请用 --output 指定文件路径")
        stored = AnnualReport.objects.filter(unit=found, year=year).first()
        if stored is not None and stored.is_published:
            document = document_for(stored)
        else:
            document = build_report(report_units(found), year)
        if format == "text":
            self._write_text(document, output)
        else:
            data = to_xlsx(document) if format == "xlsx" else to_docx(document)
            Path(output).write_bytes(data)
            self.stdout.write(f"已写入 {output}")
        if not document.balanced:
            raise CommandError("数据不平衡：新收 + 上年结转 ≠ 办理 + 结转下年")
        self.stdout.write("校验：新收 + 上年结转 = 本年办理 + 结转下年 ✓")

    def _write_text(self, document, output: str | None) -> None:
        text = to_text(document)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(f"已写入 {output}")
        else:
            self.stdout.write(text, ending="")
