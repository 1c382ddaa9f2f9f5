"""Appending to and verifying the hash-chained audit log."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

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


def verify_chain() -> Iterator[ChainProblem]:
    """Yield every place where the stored chain is not what was appended."""
    previous = ""
    count = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != previous:
            yield ChainProblem(entry.id, "前一条记录缺失或被改动（链断开）")
        if entry.compute_hash() != entry.hash:
            yield ChainProblem(entry.id, "记录内容被改动（哈希不符）")
        previous = entry.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    expected_count = head.count if head else 0
    expected_last = head.last_hash if head else ""
    if count != expected_count or previous != expected_last:
        yield ChainProblem(
            None,
            f"记录条数或末条不符：应有 {expected_count} 条，实有 {count} 条（末尾记录被删除或改动）",
        )
