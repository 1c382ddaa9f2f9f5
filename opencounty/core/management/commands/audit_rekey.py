"""One-time upgrade to the keyed chain, and key rotation (docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opencounty.core import audit


class Command(BaseCommand):
    help = (
        "Sign the audit chain again with AUDIT_HMAC_KEY after checking it: from the unkeyed "
        "SHA-256 chain of earlier versions (the upgrade step), or from an old key "
        "(--old-key-file, key rotation). Refuses if the chain does not verify."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--old-key-file",
            type=Path,
            help="the key the chain is signed with now; without it, the unkeyed chain of before",
        )

    def handle(self, *args, old_key_file: Path | None, **options) -> None:
        old_key = None
        if old_key_file is not None:
            if not old_key_file.is_file():
                raise CommandError(f"找不到旧密钥文件：{old_key_file}")
            old_key = old_key_file.read_text(encoding="utf-8").strip().encode("utf-8")
        try:
            count = audit.rekey(old_key)
        except audit.ChainBroken as exc:
            for problem in exc.problems:
                where = f"#{problem.entry_id}" if problem.entry_id else "-"
                self.stderr.write(f"{where}: {problem.message}")
            raise CommandError("原有审计链校验不通过，未重新签名：请先查明原因") from exc
        self.stdout.write(f"已用审计密钥重新签名 {count} 条记录，并写了新的检查点。")
