from django.core.management.base import BaseCommand

from opencounty.core import audit, storage


class Command(BaseCommand):
    help = (
        "Encrypt private files stored before encryption (identity documents, materials, "
        "attachments) in place and set their modes; --rotate encrypts every file again under "
        "the first FIELD_ENCRYPTION_KEY after a key change. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rotate", action="store_true", help="用第一个密钥重新加密全部文件")

    def handle(self, *args, rotate: bool, **options) -> None:
        sealed, rotated, seen = storage.seal_existing_files(rotate=rotate)
        audit.record("files.sealed", details={"sealed": sealed, "rotated": rotated, "seen": seen})
        self.stdout.write(
            f"共检查 {seen} 个私有文件：加密 {sealed} 个未加密的文件，重新加密 {rotated} 个。"
        )
