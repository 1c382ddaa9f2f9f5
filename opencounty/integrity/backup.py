"""Backups: the database, the uploads and the audit checkpoints in one archive with a signed
manifest of SHA-256 checksums; and restoring one after checking every checksum.

The database is copied natively (SQLite's online backup API, PostgreSQL's pg_dump), not
through dumpdata: a native copy is exact to the byte (dumpdata rounds times to milliseconds,
which would break every audit entry's HMAC) and consistent at one instant (docs/decisions/0009).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from opencounty.core import audit

FORMAT = 1
MANIFEST = "manifest.json"
FOLDERS = {  # archive folder -> setting naming the folder on this server
    "media": "MEDIA_ROOT",
    "private": "PRIVATE_MEDIA_ROOT",
    "audit-checkpoints": "AUDIT_CHECKPOINT_DIR",
}


class BackupError(Exception):
    """Refused, with the reason in Chinese; nothing was changed."""


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"不支持的数据库：{vendor}")
    return vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sign(manifest: dict) -> str:
    body = json.dumps(manifest, sort_keys=True, ensure_ascii=False).encode("utf-8")
    key = settings.AUDIT_HMAC_KEY.encode("utf-8")
    return hmac.new(key, b"backup-manifest:" + body, hashlib.sha256).hexdigest()


def _pg_env() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _dump_database(folder: Path) -> str:
    engine = _engine()
    if engine == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(f"file:{settings.DATABASES['default']['NAME']}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # one consistent snapshot, while the site keeps serving
            copy.execute("PRAGMA journal_mode=DELETE")  # a self-contained file
        finally:
            copy.close()
            source.close()
        return target.name
    target = folder / "database.pgdump"
    args, env = _pg_env()
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)]
        + args,
        env=env,
        check=True,
    )
    return target.name


@dataclass
class BackupResult:
    path: Path
    files: int
    audit_entries: int


def backup(destination: Path) -> BackupResult:
    """Write one archive into ``destination`` (a folder) and return where it is."""
    from opencounty.core.models import AuditChainHead

    destination.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = timezone.now()
    with tempfile.TemporaryDirectory(dir=destination) as work:
        work_path = Path(work)
        # The database first: an upload is stored before the row that names it is committed,
        # so every file the snapshot refers to is already on disk when the folders are read.
        database = _dump_database(work_path)
        head = AuditChainHead.objects.filter(pk=1).first()
        files = [{"path": database, "sha256": _sha256(work_path / database)}]
        members = [(work_path / database, database)]
        for folder, setting in FOLDERS.items():
            root = Path(getattr(settings, setting))
            if not root.is_dir():
                continue
            for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
                name = f"{folder}/{path.relative_to(root).as_posix()}"
                files.append({"path": name, "sha256": _sha256(path)})
                members.append((path, name))
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "engine": connection.vendor,
            "database": database,
            "audit_entries": head.count if head else 0,
            "audit_head": head.last_hash if head else "",
            "files": files,
        }
        manifest["signature"] = _sign(manifest)
        final = destination / f"opencounty-backup-{timezone.localtime(now):%Y%m%d-%H%M%S}.tar.gz"
        partial = final.with_suffix(".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
            for path, name in members:
                tar.add(path, arcname=name, recursive=False)
        partial.rename(final)
    audit.record(
        "system.backup",
        details={
            "archive": final.name,
            "files": len(files),
            "audit_entries": manifest["audit_entries"],
        },
    )
    return BackupResult(final, len(files), manifest["audit_entries"])


def _read_verified(archive: Path, into: Path) -> dict:
    """Extract into ``into`` and return the manifest, or refuse if anything does not match."""
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST:
                raise BackupError("这不是 OpenCounty 的备份文件：缺少备份清单")
            manifest = json.loads(tar.extractfile(first).read().decode("utf-8"))
            signature = manifest.pop("signature", "")
            if not hmac.compare_digest(_sign(manifest), str(signature)):
                raise BackupError(
                    "备份清单签名不符：备份被改动过，或本机的审计密钥（AUDIT_HMAC_KEY）与备份时不同"
                )
            expected = {item["path"]: item["sha256"] for item in manifest["files"]}
            seen: set[str] = set()
            for member in tar:
                if member is first:
                    continue
                if not member.isfile() or member.name not in expected or member.name in seen:
                    raise BackupError(f"备份中有清单之外的内容：{member.name}")
                tar.extract(member, into, filter="data")
                seen.add(member.name)
                if _sha256(into / member.name) != expected[member.name]:
                    raise BackupError(f"备份文件校验失败：{member.name} 的 SHA-256 与清单不符")
            missing = sorted(set(expected) - seen)
            if missing:
                raise BackupError(f"备份文件不完整：缺少 {missing[0]} 等 {len(missing)} 个文件")
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as exc:
        raise BackupError(f"备份文件已损坏，无法读取：{archive.name}") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError("备份清单已损坏，无法读取") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式：{manifest.get('format')}")
    return manifest


def database_is_empty() -> bool:
    tables = set(connection.introspection.table_names())
    if not tables:
        return True
    with connection.cursor() as cursor:
        for table in ("core_auditentry", "auth_user", "wagtailcore_revision"):
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608 - fixed names
                if cursor.fetchone():
                    return False
    return True


def _folder_is_empty(path: Path) -> bool:
    return not path.exists() or not any(p.is_file() for p in path.rglob("*"))


def restore(archive: Path, *, force: bool = False) -> dict:
    """Check the archive completely, then put the database and the folders back."""
    if not archive.is_file():
        raise BackupError(f"找不到备份文件：{archive}")
    engine = _engine()
    parent = Path(settings.MEDIA_ROOT).parent
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=parent) as work:
        work_path = Path(work)
        manifest = _read_verified(archive, work_path)
        if manifest["engine"] != engine:
            raise BackupError(
                f"备份来自 {manifest['engine']} 数据库，不能恢复到本机的 {engine} 数据库"
            )
        if not force:
            if not database_is_empty():
                raise BackupError("目标数据库不是空的：确认要覆盖时请加 --force")
            for folder in ("media", "private"):
                root = Path(getattr(settings, FOLDERS[folder]))
                if not _folder_is_empty(root):
                    raise BackupError(f"目标文件夹不是空的：{root}（确认要覆盖时请加 --force）")
        _restore_database(engine, work_path / manifest["database"])
        for folder, setting in FOLDERS.items():
            source = work_path / folder
            target = Path(getattr(settings, setting))
            if not source.is_dir():
                continue
            if folder == "audit-checkpoints" and not _folder_is_empty(target):
                continue  # this server's own anchors are kept; they may be newer than the backup
            mode = 0o700 if folder != "media" else 0o755
            target.mkdir(parents=True, exist_ok=True, mode=mode)
            shutil.copytree(source, target, dirs_exist_ok=True)
    audit.record(
        "system.restore",
        details={
            "archive": archive.name,
            "created_at": manifest["created_at"],
            "files": len(manifest["files"]),
            "audit_entries": manifest["audit_entries"],
        },
    )
    return manifest


def _restore_database(engine: str, dump: Path) -> None:
    connection.close()
    if engine == "sqlite":
        source = sqlite3.connect(dump)
        target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    args, env = _pg_env()
    subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error"]
        + args
        + [str(dump)],
        env=env,
        check=True,
    )
