"""Readable, gap-free, never-reused numbers (receipt numbers 受理编号, index numbers 索引号).

Each scope and year has one counter row; taking a number locks that row, so
concurrent submissions on PostgreSQL (or several app servers) never share one.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from opencounty.core.models import NumberSequence


def next_number(scope: str, year: int) -> int:
    """Take the next number of `scope` in `year`, inside the caller's transaction if any."""
    with transaction.atomic():
        if not NumberSequence.objects.filter(scope=scope, year=year).exists():
            try:
                with transaction.atomic():
                    NumberSequence.objects.create(scope=scope, year=year, last=0)
            except IntegrityError:
                pass  # another writer created it first; its row is locked below
        sequence = NumberSequence.objects.select_for_update().get(scope=scope, year=year)
        NumberSequence.objects.filter(pk=sequence.pk).update(last=F("last") + 1)
        return sequence.last + 1


def reserve_numbers(scope: str, year: int, count: int) -> range:
    """Take `count` consecutive numbers of `scope` in `year` at once (bulk imports, the demo)."""
    with transaction.atomic():
        first = next_number(scope, year)
        if count > 1:
            NumberSequence.objects.filter(scope=scope, year=year).update(
                last=F("last") + (count - 1)
            )
        return range(first, first + count)
