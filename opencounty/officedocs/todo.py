"""The document exchange's part of 我的待办: documents waiting for this person's unit to sign
for them, and signed documents it has not finished."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.core.calendar import WorkCalendar
from opencounty.core.todo import TodoGroup, TodoItem
from opencounty.officedocs import access, tracking
from opencounty.officedocs.models import Delivery, OfficialDocument

SHOWN = 20
GROUPS = (
    ("officedocs_sign_for", Delivery.State.PENDING, gettext_lazy("待签收公文"), "sign_for_due_on"),
    ("officedocs_handle", Delivery.State.SIGNED, gettext_lazy("待办结公文"), "handle_due_on"),
)


def officedocs_groups(user, today: date) -> list[TodoGroup]:
    units = access.my_unit_ids(user)
    if not units:
        return []
    work_calendar = WorkCalendar.load()
    inbox = reverse("officedocs_admin:inbox")
    groups = []
    for key, state, label, due_field in GROUPS:
        waiting = Delivery.objects.filter(
            unit_id__in=units, state=state, document__state=OfficialDocument.State.SENT
        ).select_related("document", "document__sender")
        count = waiting.count()
        items = [
            TodoItem(
                title=delivery.document.title,
                url=reverse("officedocs_admin:detail", args=[delivery.document_id]),
                reference=delivery.document.number,
                next_step=_("签收") if state == Delivery.State.PENDING else _("办结"),
                due_on=getattr(delivery.document, due_field),
                provisional=delivery.document.due_provisional,
                level=tracking.level(delivery, delivery.document, today, work_calendar),
            )
            for delivery in waiting.order_by(f"document__{due_field}", "id")[:SHOWN]
        ]
        groups.append(
            TodoGroup(key=key, label=label, url=f"{inbox}?state={state}", items=items, count=count)
        )
    return groups
