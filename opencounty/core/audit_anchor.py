"""Signed checkpoints of the audit chain's head, kept outside the database.

Whoever can write to the database can delete the newest entries and move the head row back,
or empty the log: nothing inside the database can show that. Once a day (or more often)
``audit_checkpoint`` appends one signed line to an append-only file in
``AUDIT_CHECKPOINT_DIR`` (and sends a copy to syslog when ``AUDIT_SYSLOG_ADDRESS`` is set):
the checkpoint's number, how many entries the chain had, the HMAC of the newest one, the
time, the signature of the previous line and its own signature with the audit key.
``verify_audit`` then checks that the chain still holds every checkpointed head at its place.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import logging.handlers
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings

FILE_NAME = "audit-checkpoints.log"
SYSLOG_PREFIX = "opencounty-audit-checkpoint: "


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    count: int
    entry_id: int | None
    head: str
    at: str
    prev: str
    development_key: bool
    sig: str

    def fields(self) -> dict:
        return {
            "seq": self.seq,
            "count": self.count,
            "entry_id": self.entry_id,
            "head": self.head,
            "at": self.at,
            "prev": self.prev,
            "development_key": self.development_key,
        }

    def line(self) -> str:
        return json.dumps({**self.fields(), "sig": self.sig}, sort_keys=True, ensure_ascii=False)


def audit_key() -> bytes:
    return settings.AUDIT_HMAC_KEY.encode("utf-8")


def sign(fields: dict, key: bytes | None = None) -> str:
    message = b"checkpoint:" + json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()
    return hmac.new(key or audit_key(), message, hashlib.sha256).hexdigest()


def checkpoint_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR) / FILE_NAME


def parse(text: str, key: bytes | None = None) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints in a file (or a syslog copy: anything before the first "{" of a line
    is ignored), and what is wrong with it, in Chinese."""
    checkpoints: list[Checkpoint] = []
    problems: list[str] = []
    previous: Checkpoint | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        start = raw.find("{")
        try:
            data = json.loads(raw[start:]) if start >= 0 else None
            checkpoint = Checkpoint(
                seq=int(data["seq"]),
                count=int(data["count"]),
                entry_id=data["entry_id"],
                head=str(data["head"]),
                at=str(data["at"]),
                prev=str(data["prev"]),
                development_key=bool(data["development_key"]),
                sig=str(data["sig"]),
            )
        except (TypeError, ValueError, KeyError):
            problems.append(f"检查点文件第 {number} 行无法读取（被改动）")
            continue
        if not hmac.compare_digest(sign(checkpoint.fields(), key), checkpoint.sig):
            problems.append(f"检查点文件第 {number} 行签名不符（被改动，或不是用本机审计密钥签的）")
            continue
        if previous is not None:
            if checkpoint.seq != previous.seq + 1 or checkpoint.prev != previous.sig:
                problems.append(
                    f"检查点文件第 {number} 行：第 {previous.seq} 号之后是第 {checkpoint.seq} 号"
                    "（检查点被删除或顺序被改动）"
                )
            if checkpoint.count < previous.count:
                problems.append(
                    f"检查点文件第 {number} 行：条数从 {previous.count} 减少到 {checkpoint.count}"
                )
        elif checkpoint.seq != 1:
            problems.append(
                f"检查点文件第 {number} 行：文件从第 {checkpoint.seq} 号检查点开始（前面的被删除）"
            )
        checkpoints.append(checkpoint)
        previous = checkpoint
    return checkpoints, problems


def read(path: Path | None = None, key: bytes | None = None) -> tuple[list[Checkpoint], list[str]]:
    path = path or checkpoint_path()
    if not path.exists():
        return [], []
    return parse(path.read_text(encoding="utf-8", errors="replace"), key)


def append(count: int, entry_id: int | None, head: str, at: datetime) -> Checkpoint:
    """Append a signed checkpoint to the file (created 0600 in a 0700 folder)."""
    folder = Path(settings.AUDIT_CHECKPOINT_DIR)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / FILE_NAME
    descriptor = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "r+", encoding="utf-8") as handle:
        # Two checkpoint runs at once must not take the same number.
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        existing, problems = parse(handle.read())
        if problems:
            raise CheckpointFileDamaged(problems)
        last = existing[-1] if existing else None
        fields = {
            "seq": last.seq + 1 if last else 1,
            "count": count,
            "entry_id": entry_id,
            "head": head,
            "at": at.isoformat(),
            "prev": last.sig if last else "",
            "development_key": bool(settings.AUDIT_HMAC_KEY_IS_DEVELOPMENT),
        }
        checkpoint = Checkpoint(**fields, sig=sign(fields))
        handle.write(checkpoint.line() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    send_to_syslog(checkpoint)
    return checkpoint


class CheckpointFileDamaged(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


def syslog_address(value: str) -> str | tuple[str, int]:
    """``/dev/log`` (a socket) or ``host:port`` (UDP)."""
    if value.startswith("/"):
        return value
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"AUDIT_SYSLOG_ADDRESS must be host:port or a socket path, not {value!r}")
    return host, int(port)


def send_to_syslog(checkpoint: Checkpoint) -> None:
    if not settings.AUDIT_SYSLOG_ADDRESS:
        return
    handler = logging.handlers.SysLogHandler(
        address=syslog_address(settings.AUDIT_SYSLOG_ADDRESS),
        facility=logging.handlers.SysLogHandler.LOG_AUTHPRIV,
    )
    logger = logging.getLogger("opencounty.audit.checkpoint")
    logger.addHandler(handler)
    try:
        logger.warning(SYSLOG_PREFIX + checkpoint.line())
    finally:
        logger.removeHandler(handler)
        handler.close()
