"""Backup and restore as an operator uses them: the test county is backed up, restored on
a fresh server (a new SQLite file, empty folders) where the audit log verifies; a damaged
archive is refused in Chinese and nothing is touched."""

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from opencounty.core import audit

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="restores into a fresh SQLite file"
)

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def fresh_server(tmp_path: Path) -> dict:
    """The environment of a newly installed server: its own var folder, nothing in it."""
    var = tmp_path / "new-server"
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        OPENCOUNTY_VAR_DIR=str(var),
        MEDIA_ROOT=str(var / "media"),
        PRIVATE_MEDIA_ROOT=str(var / "private"),
        AUDIT_CHECKPOINT_DIR=str(var / "audit-checkpoints"),
    )
    var.mkdir()
    return env


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(MANAGE), *args], env=env, capture_output=True, text=True
    )


@pytest.fixture
def archive(db, tmp_path):
    (Path(settings.MEDIA_ROOT) / "documents").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "documents" / "通知.pdf").write_bytes(b"%PDF-1.4 notice")
    (Path(settings.PRIVATE_MEDIA_ROOT) / "id").mkdir(parents=True)
    (Path(settings.PRIVATE_MEDIA_ROOT) / "id" / "scan.jpg").write_bytes(b"\xff\xd8id-scan")
    audit.checkpoint()  # last night's anchor of the county's audit log
    call_command("backup", to=tmp_path / "backups")
    [made] = (tmp_path / "backups").glob("opencounty-backup-*.tar.gz")
    assert made.stat().st_mode & 0o777 == 0o600
    return made


def test_a_backup_restores_into_an_empty_database_and_its_audit_log_verifies(archive, tmp_path):
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == "manifest.json" and "database.sqlite3" in names
    assert "media/documents/通知.pdf" in names and "private/id/scan.jpg" in names

    env = fresh_server(tmp_path)
    restored = manage(env, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "已恢复" in restored.stdout
    var = Path(env["OPENCOUNTY_VAR_DIR"])
    assert (var / "media/documents/通知.pdf").read_bytes() == b"%PDF-1.4 notice"
    assert (var / "private/id/scan.jpg").read_bytes() == b"\xff\xd8id-scan"

    verified = manage(env, "verify_audit")
    assert verified.returncode == 0, verified.stderr
    assert "哈希链无断点" in verified.stdout and "与 1 个检查点相符" in verified.stdout

    # Restoring again over the data now there is refused.
    again = manage(env, "restore", str(archive))
    assert again.returncode != 0 and "目标数据库不是空的" in again.stderr


def _corrupt(archive: Path, member: str, tmp_path: Path) -> Path:
    """Rewrite the archive with one byte of one member changed (the manifest left as it was)."""
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for info in source:
            data = source.extractfile(info).read()
            if info.name == member:
                data = data[:-1] + bytes([data[-1] ^ 1])
            import io

            target.addfile(info, io.BytesIO(data))
    return damaged


def test_a_corrupted_archive_is_refused_and_nothing_is_touched(archive, tmp_path):
    env = fresh_server(tmp_path)
    var = Path(env["OPENCOUNTY_VAR_DIR"])

    damaged = _corrupt(archive, "database.sqlite3", tmp_path)
    result = manage(env, "restore", str(damaged))
    assert result.returncode != 0
    assert "备份文件校验失败：database.sqlite3 的 SHA-256 与清单不符" in result.stderr
    assert not (var / "opencounty.sqlite3").exists() or manage_is_empty(env)
    assert not (var / "media").exists()

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    result = manage(env, "restore", str(truncated))
    assert result.returncode != 0 and "备份文件已损坏，无法读取" in result.stderr
    assert not (var / "media").exists()


def manage_is_empty(env: dict) -> bool:
    result = manage(
        env,
        "shell",
        "-c",
        "from opencounty.integrity.backup import database_is_empty; print(database_is_empty())",
    )
    return result.stdout.strip() == "True"


def test_a_manifest_rewritten_to_match_a_forged_file_is_refused(archive, tmp_path):
    """Changing a file and its checksum in the manifest needs the audit key to re-sign it."""
    import io
    import json

    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(forged, "w:gz") as target:
        for info in source:
            data = source.extractfile(info).read()
            if info.name == "manifest.json":
                manifest = json.loads(data)
                manifest["audit_entries"] = 0
                data = json.dumps(manifest).encode()
                info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="备份清单签名不符"):
        call_command("restore", str(forged))
