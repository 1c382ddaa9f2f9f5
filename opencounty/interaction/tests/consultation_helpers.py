"""Helpers for consultation tests (unit and browser): a live consultation, and time passing."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from opencounty.interaction.models import ConsultationPage, ConsultationSection
from opencounty.portal.tests.helpers import county_column


def today() -> date:
    return timezone.localdate()


def consultation(
    *,
    opens_on: date | None = None,
    closes_on: date | None = None,
    parent=None,
    slug: str = "draft",
    normative: bool = False,
) -> ConsultationPage:
    """A live consultation with three sections, open today unless told otherwise."""
    page = ConsultationPage(
        title="示范县城区绿化管理办法（征求意见稿）",
        slug=slug,
        intro="现公开征求意见。",
        opens_on=opens_on or today() - timedelta(days=5),
        closes_on=closes_on or today() + timedelta(days=30),
        is_normative_document=normative,
    )
    for order, heading in enumerate(["总则", "绿地管理", "附则"]):
        page.sections.add(
            ConsultationSection(heading=heading, text=f"{heading}的内容。", sort_order=order)
        )
    (parent or county_column("interaction")).add_child(instance=page)
    return page


def close(page: ConsultationPage) -> ConsultationPage:
    """Move the period into the past, as if the days had gone by."""
    ConsultationPage.objects.filter(pk=page.pk).update(
        opens_on=today() - timedelta(days=40), closes_on=today() - timedelta(days=1)
    )
    return ConsultationPage.objects.get(pk=page.pk)
