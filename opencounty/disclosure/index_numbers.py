"""Index numbers (索引号) for published government information: unit code, year, sequence."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page

from opencounty.core.numbering import next_number
from opencounty.disclosure import catalogue
from opencounty.disclosure.models import CatalogueRecord, IndexNumber


def assign_index_number(page: Page) -> IndexNumber | None:
    """Number a page that carries catalogue metadata, once; later publications keep the number.

    The sequence runs per owning unit and per year the information was made, so
    concurrent publications on PostgreSQL never share a number.
    """
    from opencounty.portal.units import unit_for_page

    record = CatalogueRecord.objects.filter(page_id=page.pk).first()
    if record is None:
        return None
    existing = IndexNumber.objects.filter(page_id=page.pk).first()
    if existing is not None:
        return existing
    unit = unit_for_page(page)
    if unit is None:
        return None
    year = record.made_on.year
    with transaction.atomic():
        sequence = next_number(f"index-number:{unit.code}", year)
        return IndexNumber.objects.create(
            page_id=page.pk,
            unit=unit,
            year=year,
            sequence=sequence,
            number=catalogue.format_index_number(unit.code, year, sequence),
        )
