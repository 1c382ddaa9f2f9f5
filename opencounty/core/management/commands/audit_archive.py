from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from opencounty.core import audit, audit_anchor, audit_archive


class Command(BaseCommand):
    help = (
        "Move audit entries older than AUDIT_RETENTION_DAYS, up to the newest signed checkpoint "
        "before then, into a signed archive file, and delete them from the database. With "
        "--verify FILE, check an archive file instead."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--to", type=Path, default=None, help="归档文件目录")
        parser.add_argument("--verify", type=Path, default=None, metavar="FILE")

    def handle(self, *args, to: Path | None, verify: Path | None, **options) -> None:
        if verify is not None:
            problems = audit_archive.verify_file(verify)
            for problem in problems:
                self.stderr.write(problem)
            if problems:
                raise CommandError(f"归档文件校验失败：发现 {len(problems)} 处问题")
            self.stdout.write(f"归档文件完整：{verify}")
            return
        try:
            done = audit_archive.archive(folder=to)
        except audit_archive.NothingToArchive:
            self.stdout.write(
                f"没有可归档的记录：需有早于 {settings.AUDIT_RETENTION_DAYS} 天的检查点"
                "（请每天运行 audit_checkpoint）。"
            )
            return
        except audit.ChainBroken as exc:
            raise CommandError(f"审计日志校验失败，未归档：{exc}") from exc
        except audit_anchor.CheckpointFileDamaged as exc:
            raise CommandError(f"检查点文件已被改动，未归档：{exc}") from exc
        self.stdout.write(
            f"已归档 {done.entries} 条记录（#{done.first_id}–#{done.last_id}）到 {done.path}；"
            "请将归档文件另存到本机以外。"
        )
