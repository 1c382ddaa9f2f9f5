"""Appending to and verifying the audit log: an HMAC-SHA256 chain anchored outside the database."""

from __future__ import annotations

import contextvars
import hmac
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from opencounty.core import audit_anchor
from opencounty.core.client_address import client_address
from opencounty.core.models import AuditChainHead, AuditEntry

current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "current_request", default=None
)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: the peer's, unless the peer is a trusted proxy (TRUSTED_PROXIES)
    that forwarded it; always a valid address or None (see core.client_address)."""
    return client_address(request)


def record(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    outcome: str = "success",
    details: dict | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry to the audit chain, inside the caller's transaction if any."""
    request = request or current_request.get()
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        if request.user.is_authenticated:
            actor = request.user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    with transaction.atomic():
        # Every writer locks the single head row (made by a migration), so the chain never forks.
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:  # a flushed test database has lost the migration's row
            head = AuditChainHead.objects.create(pk=1)
        entry = AuditEntry(
            at=timezone.now(),
            actor=actor,
            actor_name=actor.get_username() if actor is not None else "",
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:255] if obj is not None else "",
            outcome=outcome,
            details=details or {},
            source_ip=client_ip(request),
            prev_hash=head.last_hash,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        head.last_hash = entry.hash
        head.count += 1
        head.save(update_fields=["last_hash", "count"])
    return entry


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int | None
    message: str


def verify_chain(
    *,
    key: bytes | None = None,
    legacy: bool = False,
    checkpoint_files: Sequence[Path] = (),
    upto_id: int | None = None,
) -> Iterator[ChainProblem]:
    """Yield every place where the stored chain is not what was appended.

    Each entry must carry the HMAC (with the audit key) of its content and of the previous
    entry's HMAC; the chain must still hold, at its place, the head of every signed
    checkpoint in the checkpoint file (and in ``checkpoint_files``, copies from syslog);
    and every checkpoint the chain itself mentions must be in the file. ``legacy`` checks
    the unkeyed SHA-256 chain of before the key (for ``audit_rekey`` only).
    """
    key = key or audit_anchor.audit_key()
    checkpoints: dict[int, audit_anchor.Checkpoint] = {}
    if not legacy:
        for path in (audit_anchor.checkpoint_path(), *checkpoint_files):
            found, problems = audit_anchor.read(Path(path), key)
            for message in problems:
                yield ChainProblem(None, f"{path.name}：{message}")
            for checkpoint in found:
                known = checkpoints.setdefault(checkpoint.seq, checkpoint)
                if known.sig != checkpoint.sig:
                    yield ChainProblem(
                        None, f"第 {checkpoint.seq} 号检查点在 {path.name} 中与别处的不同"
                    )
    by_count: dict[int, list[audit_anchor.Checkpoint]] = {}
    for checkpoint in checkpoints.values():
        by_count.setdefault(checkpoint.count, []).append(checkpoint)
    mentioned: set[int] = set()

    # Entries archived by `audit_archive` are gone from here; the chain starts at the boundary.
    head_row = AuditChainHead.objects.filter(pk=1).first()
    archived_count = head_row.archived_count if head_row else 0
    archived_last = head_row.archived_last_hash if head_row else ""
    archive_vouched = archived_count == 0
    previous = archived_last
    count = archived_count
    entries = AuditEntry.objects.order_by("id")
    if upto_id is not None:
        entries = entries.filter(id__lte=upto_id)
    for entry in entries.iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != previous:
            yield ChainProblem(entry.id, "前一条记录缺失或被改动（链断开）")
        expected = entry.legacy_hash() if legacy else entry.compute_hash(key)
        if not hmac.compare_digest(expected, entry.hash):
            yield ChainProblem(entry.id, "记录内容被改动，或不是用审计密钥写入的（摘要不符）")
        for checkpoint in by_count.get(count, ()):
            if checkpoint.head != entry.hash:
                yield ChainProblem(
                    entry.id,
                    f"第 {checkpoint.seq} 号检查点（{checkpoint.at}）时的第 {count} 条记录已不是"
                    "当时那一条（记录被删除、插入或重算）",
                )
        if entry.action == CHECKPOINT_ACTION and isinstance(entry.details, dict):
            mentioned.add(entry.details.get("seq"))
        elif entry.action == REKEY_ACTION:
            mentioned.clear()  # the checkpoints before a new key are in the retired file
        elif entry.action == ARCHIVE_ACTION and isinstance(entry.details, dict):
            if (entry.details.get("count"), entry.details.get("head")) == (
                archived_count,
                archived_last,
            ):
                archive_vouched = True
        previous = entry.hash
    for checkpoint in checkpoints.values():
        if checkpoint.count > count and upto_id is None:
            yield ChainProblem(
                None,
                f"第 {checkpoint.seq} 号检查点（{checkpoint.at}）时日志已有 {checkpoint.count} 条，"
                f"现在只有 {count} 条（末尾记录被删除或日志被清空）",
            )
    for seq in sorted(s for s in mentioned - set(checkpoints) if isinstance(s, int)):
        yield ChainProblem(
            None, f"审计日志记录了第 {seq} 号检查点，检查点文件中却没有（检查点文件被删改）"
        )
    if upto_id is not None:
        return
    anchored = any(
        c.count == archived_count and c.head == archived_last for c in checkpoints.values()
    )
    if archived_count and not (archive_vouched and anchored):
        yield ChainProblem(
            None,
            f"日志自第 {archived_count + 1} 条开始，但没有签名检查点和归档记录证明前面的记录"
            "已归档（记录被删除）",
        )
    head = AuditChainHead.objects.filter(pk=1).first()
    expected_count = head.count if head else 0
    expected_last = head.last_hash if head else ""
    if count != expected_count or previous != expected_last:
        yield ChainProblem(
            None,
            f"记录条数或末条不符：应有 {expected_count} 条，实有 {count} 条（末尾记录被删除或改动）",
        )


CHECKPOINT_ACTION = "audit.checkpoint"
REKEY_ACTION = "audit.rekey"
ARCHIVE_ACTION = "audit.archive"


class ChainBroken(Exception):
    def __init__(self, problems: list[ChainProblem]) -> None:
        super().__init__("；".join(problem.message for problem in problems[:5]))
        self.problems = problems


def checkpoint() -> audit_anchor.Checkpoint:
    """Anchor the current head outside the database (after checking the chain up to it)."""
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        last = AuditEntry.objects.order_by("-id").first()
        count = head.count if head else 0
        last_hash = head.last_hash if head else ""
    # A broken chain is never anchored: that would vouch for the tampering.
    problems = list(verify_chain(upto_id=last.id if last else 0))
    if last is not None and (last.hash != last_hash):
        problems.append(ChainProblem(last.id, "链头与最新一条记录不符"))
    if problems:
        raise ChainBroken(problems)
    anchored = audit_anchor.append(count, last.id if last else None, last_hash, timezone.now())
    record(
        CHECKPOINT_ACTION,
        details={"seq": anchored.seq, "count": anchored.count, "head": anchored.head},
    )
    return anchored


def rekey(old_key: bytes | None, new_key: bytes | None = None) -> int:
    """Sign the whole chain again with the audit key, after checking it with the old one.

    ``old_key=None`` reads the unkeyed SHA-256 chain of before (the one-time upgrade); with
    an old key it rotates keys. The old checkpoint file is kept beside the new one, renamed,
    and a first checkpoint is made with the new key.
    """
    new_key = new_key or audit_anchor.audit_key()
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditChainHead.objects.create(pk=1)
        problems = list(verify_chain(key=old_key, legacy=old_key is None))
        if problems:
            raise ChainBroken(problems)
        previous = ""
        count = 0
        for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
            entry.prev_hash = previous
            entry.hash = entry.compute_hash(new_key)
            AuditEntry.objects.filter(pk=entry.pk).update(
                prev_hash=entry.prev_hash, hash=entry.hash
            )
            previous = entry.hash
            count += 1
        head.last_hash, head.count = previous, count
        head.save(update_fields=["last_hash", "count"])
        old_file = audit_anchor.checkpoint_path()
        if old_file.exists():
            old_file.rename(
                old_file.with_name(f"{old_file.name}.{timezone.now():%Y%m%d%H%M%S}.before-rekey")
            )
        record(
            REKEY_ACTION,
            details={"from": "sha256" if old_key is None else "hmac-sha256", "entries": count},
        )
    checkpoint()
    return count
