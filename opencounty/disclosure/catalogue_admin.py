"""Supervision of the 20-working-day publication limit (条例 Art. 26) and the editor's warning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from opencounty.core.access import sees_every_unit, staff_units
from opencounty.core.models import Unit
from opencounty.disclosure import catalogue
from opencounty.disclosure.models import CatalogueRecord
from opencounty.portal.units import pages_owned_by


@dataclass
class LateEntry:
    record: CatalogueRecord
    made_or_changed_on: date
    published_on: date | None  # None: not published yet, counted to today
    lag: int


def visible_units(user) -> list[Unit] | None:
    """The units whose information the user supervises; None means every unit."""
    return None if sees_every_unit(user) else list(staff_units(user))


def late_entries(units: list[Unit] | None, today: date) -> list[LateEntry]:
    """Catalogued information published (or still unpublished) more than 20 working days after
    it was made or changed."""
    records = CatalogueRecord.objects.select_related("page")
    if units is not None:
        owned = Q(pk__in=[])
        for unit in units:
            owned |= pages_owned_by(unit)
        records = records.filter(page_id__in=Page.objects.filter(owned).values("id"))
    # Working days never outnumber calendar days, so only entries with a calendar gap of more
    # than 20 days can be late; the calendar decides the rest.
    horizon = today - timedelta(days=catalogue.PUBLICATION_LIMIT_DAYS)
    records = records.filter(Q(made_on__lt=horizon) | Q(changed_on__lt=horizon))
    entries = []
    for record in records:
        published = record.page.first_published_at
        published_on = timezone.localtime(published).date() if published else None
        start = record.made_or_changed_on
        lag = catalogue.publication_lag(start, published_on or today)
        if lag is not None and lag > catalogue.PUBLICATION_LIMIT_DAYS:
            entries.append(LateEntry(record, start, published_on, lag))
    return sorted(entries, key=lambda e: -e.lag)


def late_list(request: HttpRequest) -> TemplateResponse:
    entries = late_entries(visible_units(request.user), timezone.localdate())
    return TemplateResponse(
        request,
        "disclosure/admin/late_list.html",
        {"entries": entries, "limit": catalogue.PUBLICATION_LIMIT_DAYS},
    )


def lateness_warning(page) -> str | None:
    """The editor's warning for an article whose catalogue dates are past the limit."""
    specific = page.specific.get_latest_revision_as_object()
    record_of = getattr(specific, "catalogue_record", None)
    record = record_of() if record_of else None
    if record is None or not record.made_on:
        return None
    published = page.first_published_at  # the live row: a revision may predate publication
    until = timezone.localtime(published).date() if published else timezone.localdate()
    start = record.made_or_changed_on
    if not catalogue.is_late(start, until):
        return None
    return _(
        "本信息形成或变更于 %(start)s，至 %(until)s 已超过 %(limit)s 个工作日的公开时限"
        "（《政府信息公开条例》第二十六条）。"
    ) % {
        "start": start.isoformat(),
        "until": until.isoformat(),
        "limit": catalogue.PUBLICATION_LIMIT_DAYS,
    }
