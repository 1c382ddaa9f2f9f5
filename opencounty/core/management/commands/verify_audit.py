from django.core.management.base import BaseCommand, CommandError

from opencounty.core.audit import verify_chain
from opencounty.core.models import AuditEntry


class Command(BaseCommand):
    help = "Verify that no audit-log entry was changed or deleted."

    def handle(self, *args, **options) -> None:
        problems = list(verify_chain())
        for problem in problems:
            where = f"#{problem.entry_id}" if problem.entry_id else "-"
            self.stderr.write(f"{where}: {problem.message}")
        if problems:
            raise CommandError(f"审计日志校验失败：发现 {len(problems)} 处问题")
        self.stdout.write(f"审计日志完整：{AuditEntry.objects.count()} 条记录，哈希链无断点。")
