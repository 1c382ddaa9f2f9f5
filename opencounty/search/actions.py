"""State changes of search: the office's synonym table, and the count of searches that
found nothing. Views, admin screens and tests call these; nothing else saves."""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from opencounty.core import audit
from opencounty.search import synonyms
from opencounty.search.models import Synonym, ZeroResultQuery
from opencounty.search.permissions import may_keep_search

logger = logging.getLogger(__name__)

# The zero-result log stays small whatever is typed: at most this many different texts a
# day (later ones are counted together in one row), kept this many days.
LOGGED_QUERY_CHARS = 30
MAX_QUERIES_PER_DAY = 500
KEEP_DAYS = 180
OTHER_QUERIES = ""  # the row that counts the texts beyond the day's limit

_DIGITS = re.compile(r"\d[\dx\-\s]{4,}[\dx]")
_EMAIL = re.compile(r"\S+@\S+")
_MEANINGFUL = re.compile(r"[^\W\d_]", re.UNICODE)


def _snapshot(entry: Synonym) -> dict:
    return {
        "term": entry.term,
        "expansions": entry.expansions,
        "bidirectional": entry.bidirectional,
        "active": entry.active,
    }


def _refuse(action: str, actor, entry: Synonym | None) -> None:
    audit.record(action, actor=actor, obj=entry, outcome="refused")
    raise PermissionDenied(_("只有县电子政务办公室的工作人员可以维护同义词表。"))


def _after_change() -> None:
    from opencounty.portal.cache import invalidate_pages

    # The next search reads the new table, and no cached result page shows the old one.
    synonyms.table_changed()
    invalidate_pages()


def save_synonym(entry: Synonym, *, actor) -> Synonym:
    """An entry added or changed by the office: saved, audited (with what it was before)."""
    if not may_keep_search(actor):
        _refuse("search.synonym_save", actor, entry if entry.pk else None)
    with transaction.atomic():
        before = None
        if entry.pk:
            stored = Synonym.objects.select_for_update().filter(pk=entry.pk).first()
            before = _snapshot(stored) if stored else None
        entry.save()
        # The admin's own history of the entry, besides the audit chain.
        log(entry, "wagtail.edit" if before else "wagtail.create", user=actor)
        audit.record(
            "search.synonym_save",
            actor=actor,
            obj=entry,
            details={"entry": _snapshot(entry), "before": before},
        )
        transaction.on_commit(_after_change)
    return entry


def delete_synonym(entry: Synonym, *, actor) -> None:
    if not may_keep_search(actor):
        _refuse("search.synonym_delete", actor, entry)
    with transaction.atomic():
        details = {"entry": _snapshot(entry)}
        audit.record("search.synonym_delete", actor=actor, obj=entry, details=details)
        log(entry, "wagtail.delete", user=actor)
        entry.delete()
        transaction.on_commit(_after_change)


def loggable_text(query: str) -> str:
    """What the log keeps of a query: no control characters, numbers of six or more digits
    (identity, phone, receipt numbers) and e-mail addresses masked, at most 30 characters;
    empty when nothing meaningful is left."""
    text = synonyms.normalise(query)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = _EMAIL.sub("＊", text)
    text = _DIGITS.sub("＊", text)
    text = re.sub(r"\s+", " ", text).strip()[:LOGGED_QUERY_CHARS].strip()
    return text if _MEANINGFUL.search(text) else ""


def note_zero_result(query: str, *, where: str, on: date) -> str | None:
    """Count one search that found nothing on day `on`; returns the text counted. Aggregated
    per day, so a flood of searches grows a count, not the table. Counting never stands in
    the way of the search: a database error loses this one count and is logged."""
    text = loggable_text(query)
    if not text or where not in ZeroResultQuery.Where.values:
        return None
    try:
        return _note(text, where, on)
    except DatabaseError as exc:
        logger.warning("a zero-result search was not counted: %s", exc)
        return None


def _note(text: str, where: str, on: date) -> str:
    with transaction.atomic():
        if _counted(on, where, text):
            return text
        rows_today = ZeroResultQuery.objects.filter(day=on).count()
        if rows_today == 0:
            ZeroResultQuery.objects.filter(day__lt=on - timedelta(days=KEEP_DAYS)).delete()
        if rows_today >= MAX_QUERIES_PER_DAY:
            text = OTHER_QUERIES
            if _counted(on, where, text):
                return text
        try:
            with transaction.atomic():
                ZeroResultQuery.objects.create(day=on, where=where, query=text, count=1)
        except IntegrityError:  # another request made the row first
            _counted(on, where, text)
    return text


def _counted(on: date, where: str, text: str) -> bool:
    return bool(
        ZeroResultQuery.objects.filter(day=on, where=where, query=text).update(count=F("count") + 1)
    )
