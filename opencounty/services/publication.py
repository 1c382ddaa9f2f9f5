"""What online services publish: licensing results (办结公示) and monthly ratings per department."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, Q

from opencounty.core.masking import mask_name
from opencounty.services.actions import BAD_RATING
from opencounty.services.models import Application, ItemType


@dataclass(frozen=True)
class PublishedResult:
    item: str
    applicant: str
    result: str
    completed_on: date
    document_number: str


def licensing_results() -> list[PublishedResult]:
    """Decided applications for licensing items, newest first, the applicant masked."""
    applications = (
        Application.objects.filter(item__item_type=ItemType.LICENSING, completed_on__isnull=False)
        .exclude(result="")
        .select_related("case", "item")
        .order_by("-completed_on", "-id")
    )
    return [
        PublishedResult(
            item=a.item.title,
            applicant=mask_name(a.case.submitter_name),
            result=a.get_result_display(),
            completed_on=a.completed_on,
            document_number=a.document_number,
        )
        for a in applications[:500]
    ]


def month_of(text: str, *, today: date) -> date:
    """The first day of the month named "YYYY-MM", or of this month."""
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def _next_month(month: date) -> date:
    return (
        month.replace(year=month.year + 1, month=1)
        if month.month == 12
        else month.replace(month=month.month + 1)
    )


def monthly_ratings(month: date) -> list[dict]:
    """Per department: ratings given in the month, the averages and the bad reviews."""
    rated = Application.objects.filter(
        rated_at__date__gte=month, rated_at__date__lt=_next_month(month)
    )
    rows = (
        rated.values("case__unit__name")
        .annotate(
            count=Count("id"),
            overall=Avg("overall_rating"),
            efficiency=Avg("efficiency_rating"),
            guide=Avg("guide_rating"),
            convenience=Avg("convenience_rating"),
            bad=Count("id", filter=Q(overall_rating__lte=BAD_RATING)),
        )
        .order_by("case__unit__name")
    )
    return [
        {
            "unit": row["case__unit__name"],
            "count": row["count"],
            "overall": round(row["overall"], 2),
            "efficiency": round(row["efficiency"], 2),
            "guide": round(row["guide"], 2),
            "convenience": round(row["convenience"], 2),
            "bad": row["bad"],
        }
        for row in rows
    ]
