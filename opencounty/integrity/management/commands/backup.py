from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from opencounty.integrity.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database, the uploads (public and private) and the audit checkpoints into "
        "one archive with a signed manifest of SHA-256 checksums."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--to",
            type=Path,
            default=None,
            help="folder for the archive (default BACKUP_DIR, var/backups)",
        )

    def handle(self, *args, to: Path | None, **options) -> None:
        try:
            result = backup(to or Path(settings.BACKUP_DIR))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"备份完成：{result.path}（{result.files} 个文件，审计日志 {result.audit_entries} 条）"
        )
