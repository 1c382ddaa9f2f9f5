"""Moving old audit entries out of the database into signed archive files, so the audit table
stops growing without giving up tamper evidence (issue 11: no caps on audit growth).

An archive always ends at a signed checkpoint (audit_anchor) older than the retention period:

- the file holds, one JSON line each, every entry up to that checkpoint exactly as the chain
  signed it (`payload`, `hash`), then a closing line signed with the audit key: how many
  entries, the first and last id, the chain's link before the first entry and the last
  entry's HMAC, and the SHA-256 of the entry lines;
- only when the file is written and synced are the entries deleted, in the same transaction
  that moves the chain head's archive boundary (`archived_count`, `archived_last_hash`) and
  appends an `audit.archive` entry naming the boundary;
- `verify_chain` starts at the boundary, and accepts it only if a signed checkpoint and the
  `audit.archive` entry (both out of an attacker's reach without the key) vouch for it, so
  deleting old entries and moving the boundary by hand is still detected;
- `verify_file` checks an archive on its own (every entry's HMAC and link, the signature).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opencounty.core import audit, audit_anchor
from opencounty.core.models import AuditChainHead, AuditEntry

ARCHIVE_ACTION = audit.ARCHIVE_ACTION


class NothingToArchive(Exception):
    """No checkpoint older than the retention period beyond what is already archived."""


@dataclass(frozen=True)
class Archived:
    path: Path
    entries: int
    first_id: int
    last_id: int
    boundary_count: int


def _sign(fields: dict, key: bytes | None = None) -> str:
    message = b"archive:" + json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()
    return hmac.new(key or audit_anchor.audit_key(), message, hashlib.sha256).hexdigest()


def _boundary(head: AuditChainHead, cutoff: datetime) -> audit_anchor.Checkpoint:
    checkpoints, problems = audit_anchor.read()
    if problems:
        raise audit_anchor.CheckpointFileDamaged(problems)
    times = dict(
        AuditEntry.objects.filter(
            id__in=[c.entry_id for c in checkpoints if c.entry_id is not None]
        ).values_list("id", "at")
    )
    usable = [
        c
        for c in checkpoints
        if c.entry_id in times and times[c.entry_id] < cutoff and c.count > head.archived_count
    ]
    if not usable:
        raise NothingToArchive
    return max(usable, key=lambda c: c.count)


def archive(*, now: datetime | None = None, folder: Path | None = None) -> Archived:
    """Archive the entries up to the newest checkpoint older than AUDIT_RETENTION_DAYS."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    folder = Path(folder or settings.AUDIT_ARCHIVE_DIR)
    head = AuditChainHead.objects.filter(pk=1).first() or AuditChainHead(pk=1)
    boundary = _boundary(head, cutoff)
    problems = list(audit.verify_chain(upto_id=boundary.entry_id))
    if problems:
        raise audit.ChainBroken(problems)
    entries = list(AuditEntry.objects.filter(id__lte=boundary.entry_id).order_by("id"))
    if not entries or entries[-1].hash != boundary.head:
        raise audit.ChainBroken([audit.ChainProblem(None, "归档边界与检查点不符")])
    lines = [
        json.dumps(
            {"id": e.id, "payload": e.chain_payload().decode("utf-8"), "hash": e.hash},
            ensure_ascii=False,
            sort_keys=True,
        )
        for e in entries
    ]
    body = "".join(line + "\n" for line in lines)
    closing = {
        "entries": len(entries),
        "first_id": entries[0].id,
        "last_id": entries[-1].id,
        "first_prev": entries[0].prev_hash,
        "last_hash": entries[-1].hash,
        "boundary_count": boundary.count,
        "checkpoint_seq": boundary.seq,
        "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        "at": now.isoformat(),
    }
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"audit-{entries[0].id:012d}-{entries[-1].id:012d}.jsonl"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(body)
        handle.write(json.dumps({"archive": closing, "sig": _sign(closing)}) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    with transaction.atomic():
        locked = AuditChainHead.objects.select_for_update().get(pk=1)
        AuditEntry.objects.filter(id__lte=boundary.entry_id)._raw_delete(AuditEntry.objects.db)
        locked.archived_count = boundary.count
        locked.archived_last_hash = boundary.head
        locked.save(update_fields=["archived_count", "archived_last_hash"])
        audit.record(
            ARCHIVE_ACTION,
            details={
                "count": boundary.count,
                "head": boundary.head,
                "checkpoint_seq": boundary.seq,
                "file": path.name,
                "sha256": closing["sha256"],
                "entries": len(entries),
            },
        )
    return Archived(path, len(entries), entries[0].id, entries[-1].id, boundary.count)


def verify_file(path: Path, key: bytes | None = None) -> list[str]:
    """What is wrong with an archive file, in Chinese (empty when it is whole)."""
    key = key or audit_anchor.audit_key()
    try:
        raw = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [f"无法读取归档文件：{exc}"]
    if not raw:
        return ["归档文件为空"]
    try:
        closing_line = json.loads(raw[-1])
        closing, signature = closing_line["archive"], closing_line["sig"]
    except (ValueError, KeyError, TypeError):
        return ["归档文件末行（签名）无法读取"]
    problems = []
    if not hmac.compare_digest(_sign(closing, key), str(signature)):
        problems.append("归档文件签名不符（被改动，或不是用本机审计密钥签的）")
    body = "".join(line + "\n" for line in raw[:-1])
    if hashlib.sha256(body.encode("utf-8")).hexdigest() != closing.get("sha256"):
        problems.append("归档记录的校验和不符（记录被改动、删除或插入）")
    previous = closing.get("first_prev", "")
    count = 0
    for number, line in enumerate(raw[:-1], start=1):
        try:
            item = json.loads(line)
            payload = item["payload"]
            prev = json.loads(payload)["prev_hash"]
        except (ValueError, KeyError, TypeError):
            problems.append(f"第 {number} 行无法读取")
            continue
        expected = hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, str(item.get("hash", ""))):
            problems.append(f"第 {number} 行（#{item.get('id')}）摘要不符")
        if prev != previous:
            problems.append(f"第 {number} 行（#{item.get('id')}）与前一条不相连")
        previous = item.get("hash", "")
        count += 1
    if count != closing.get("entries") or previous != closing.get("last_hash"):
        problems.append("归档记录条数或末条与签名行不符")
    return problems
