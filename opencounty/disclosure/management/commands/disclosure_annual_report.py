from django.core.management.base import BaseCommand, CommandError

from opencounty.core.models import Unit
from opencounty.disclosure.annual_report import COLUMNS, OUTCOME_ROWS, requests_table
from opencounty.disclosure.outcomes import Outcome, sub_reason_label


class Command(BaseCommand):
    help = "Print the requests table of a unit's (or the county's) annual disclosure report."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--unit",
            required=True,
            help="unit code; the county government's code aggregates all units",
        )
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, unit: str, year: int, **options) -> None:
        found = Unit.objects.filter(code=unit).first()
        if found is None:
            raise CommandError(f"没有代码为 {unit} 的单位")
        units = list(Unit.objects.all()) if found.kind == Unit.Kind.COUNTY_GOVERNMENT else [found]
        table = requests_table(units, year)
        rows = [
            ("new", "一、本年新收政府信息公开申请数量"),
            ("carried_in", "二、上年结转政府信息公开申请数量"),
        ]
        for key, outcome, code in OUTCOME_ROWS:
            label = Outcome(outcome).label + (
                f"：{sub_reason_label(outcome, code)}" if code else ""
            )
            rows.append((key, f"  {label}"))
        rows += [("handled", "  总计"), ("carried_out", "四、结转下年度继续办理")]
        self.stdout.write(
            f"{found.name} {year} 年度政府信息公开工作年度报告 · 收到和处理政府信息公开申请情况"
        )
        self.stdout.write("\t".join(["", *(str(label) for _key, label in COLUMNS)]))
        for key, label in rows:
            self.stdout.write("\t".join([label, *(str(table.cell(key, c)) for c, _l in COLUMNS)]))
        if not table.balanced:
            raise CommandError("数据不平衡：新收 + 上年结转 ≠ 办理 + 结转下年")
        self.stdout.write("校验：新收 + 上年结转 = 本年办理 + 结转下年 ✓")
