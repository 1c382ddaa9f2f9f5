from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from opencounty.core import audit_anchor
from opencounty.core.audit import verify_chain
from opencounty.core.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Verify the audit log: every entry's HMAC with the audit key, the chain, and every "
        "signed checkpoint of its head kept outside the database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--checkpoints",
            action="append",
            default=[],
            type=Path,
            metavar="FILE",
            help="a further copy of the checkpoints (for example the lines the syslog server kept)",
        )

    def handle(self, *args, checkpoints: list[Path], **options) -> None:
        for path in checkpoints:
            if not path.is_file():
                raise CommandError(f"找不到检查点副本：{path}")
        problems = list(verify_chain(checkpoint_files=checkpoints))
        for problem in problems:
            where = f"#{problem.entry_id}" if problem.entry_id else "-"
            self.stderr.write(f"{where}: {problem.message}")
        if problems:
            raise CommandError(f"审计日志校验失败：发现 {len(problems)} 处问题")
        found, _ = audit_anchor.read()
        anchored = (
            f"与 {len(found)} 个检查点相符"
            if found
            else "尚无检查点（请每天运行 audit_checkpoint）"
        )
        key = "（开发密钥，仅供开发和测试）" if settings.AUDIT_HMAC_KEY_IS_DEVELOPMENT else ""
        self.stdout.write(
            f"审计日志完整：{AuditEntry.objects.count()} 条记录，哈希链无断点，{anchored}。{key}"
        )
