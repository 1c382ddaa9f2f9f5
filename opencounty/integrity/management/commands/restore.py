from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opencounty.integrity.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup`: every checksum and the manifest's signature are "
        "checked before anything is touched; a database that is not empty is refused unless "
        "--force. Run `migrate` and `verify_audit` afterwards."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="overwrite a database and folders that hold data"
        )

    def handle(self, *args, archive: Path, force: bool, **options) -> None:
        try:
            manifest = restore(archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"已恢复 {manifest['created_at']} 的备份：{len(manifest['files'])} 个文件，"
            f"审计日志 {manifest['audit_entries']} 条。请运行 migrate 和 verify_audit。"
        )
