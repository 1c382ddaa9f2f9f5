from django.core.management.base import BaseCommand, CommandError

from opencounty.core import audit, audit_anchor


class Command(BaseCommand):
    help = (
        "Append a signed checkpoint of the audit chain's head to the checkpoint file outside "
        "the database (and to syslog when AUDIT_SYSLOG_ADDRESS is set). Run it daily."
    )

    def handle(self, *args, **options) -> None:
        try:
            checkpoint = audit.checkpoint()
        except audit.ChainBroken as exc:
            for problem in exc.problems:
                where = f"#{problem.entry_id}" if problem.entry_id else "-"
                self.stderr.write(f"{where}: {problem.message}")
            raise CommandError("审计日志校验失败，未写检查点：请先查明原因") from exc
        except audit_anchor.CheckpointFileDamaged as exc:
            raise CommandError(f"检查点文件已被改动，未写检查点：{exc}") from exc
        self.stdout.write(
            f"已写第 {checkpoint.seq} 号检查点：{checkpoint.count} 条记录，"
            f"末条摘要 {checkpoint.head[:16]}…（{audit_anchor.checkpoint_path()}）"
        )
