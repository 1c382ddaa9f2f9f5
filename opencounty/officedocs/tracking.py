"""The sign-for colour of each delivery, by the case engine's one colour rule (`cases.clock`):
yellow on the last day to sign for, red once a working day has passed after it. A document
with a handling deadline colours a signed, unfinished delivery the same way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from opencounty.cases import clock
from opencounty.core.calendar import WorkCalendar
from opencounty.core.models import Unit
from opencounty.officedocs.models import Delivery, OfficialDocument
from opencounty.supervision.sources import OverdueItem

# Signed for, not finished: coloured by the 办结期限.
HANDLING = (Delivery.State.SIGNED, Delivery.State.PROPOSED, Delivery.State.INSTRUCTED)
# Colour on the last day only: a sign-for period is a day or two long.
WARNING_DAYS = 0


@dataclass(frozen=True)
class Row:
    delivery: Delivery
    level: str  # "red", "yellow" or ""


def level(
    delivery: Delivery, document: OfficialDocument, today: date, work_calendar: WorkCalendar
) -> str:
    if delivery.state == Delivery.State.PENDING:
        due = document.sign_for_due_on
    elif delivery.state in HANDLING:
        due = document.handle_due_on
    else:
        return ""
    return clock.deadline_level(due, today, WARNING_DAYS, work_calendar) or ""


def rows(document: OfficialDocument, today: date) -> list[Row]:
    work_calendar = WorkCalendar.load()
    deliveries = document.deliveries.select_related(
        "unit", "signed_by", "returned_by", "done_by", "first_read_by", "assignee"
    )
    return [Row(d, level(d, document, today, work_calendar)) for d in deliveries]


def counts(document: OfficialDocument) -> dict[str, int]:
    found = dict.fromkeys(Delivery.State.values, 0)
    for state in document.deliveries.values_list("state", flat=True):
        found[state] += 1
    return _folded(found)


def _folded(found: dict[str, int]) -> dict[str, int]:
    """`signed` counts every signed, unfinished delivery (拟办 and 承办 included)."""
    found = dict(found)
    found["handling"] = found[Delivery.State.PROPOSED] + found[Delivery.State.INSTRUCTED]
    found[Delivery.State.SIGNED] += found["handling"]
    return found


def with_counts(documents: QuerySet[OfficialDocument]) -> QuerySet[OfficialDocument]:
    """Each document annotated with `count_<state>` for every delivery state, in one query."""
    return documents.annotate(
        **{
            f"count_{state}": Count("deliveries", filter=Q(deliveries__state=state))
            for state in Delivery.State.values
        }
    )


def annotated_counts(document: OfficialDocument) -> dict[str, int]:
    return _folded({state: getattr(document, f"count_{state}") for state in Delivery.State.values})


def unsigned_on_board(units: QuerySet[Unit], today: date) -> list[OverdueItem]:
    """For the supervision board (supervision.sources.register_overdue_items): each unit that
    has not signed for a sent document by its last sign-for day. Only the 文号, the unit and
    the day, never the title or body: the county office supervises the exchange, it does not
    read other units' correspondence, so there is no link either."""
    pending = (
        Delivery.objects.filter(
            state=Delivery.State.PENDING,
            unit__in=units,
            document__state=OfficialDocument.State.SENT,
            document__sign_for_due_on__lte=today,
        )
        .select_related("unit", "document")
        .order_by("document__sign_for_due_on", "unit__code")
    )
    return [
        OverdueItem(
            unit=delivery.unit,
            category=_("公文签收"),
            reference=delivery.document.number,
            state_label=Delivery.State.PENDING.label,
            due_on=delivery.document.sign_for_due_on,
            warning_days=WARNING_DAYS,
        )
        for delivery in pending
    ]
