"""The document exchange's part of 我的待办, for the person whose turn it is.

Inside the sending unit: drafts waiting for this person to check (待核稿, checkers who did not
draft it) or to sign off (待签发, signers who neither drafted nor checked it). Inside a
receiving unit: documents waiting to be signed for and then for a 拟办 (the unit's handling
staff), for a 批办 (the unit's leaders) and to be finished (the 承办人 named in the 批办)."""

from __future__ import annotations

from datetime import date
from functools import partial

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.core.access import role_unit_ids
from opencounty.core.calendar import WorkCalendar
from opencounty.core.todo import Later, TodoGroup, TodoItem
from opencounty.officedocs import access, tracking
from opencounty.officedocs.models import Delivery, OfficialDocument

SHOWN = 20
NEXT_STEP = {
    Delivery.State.PENDING: gettext_lazy("签收"),
    Delivery.State.SIGNED: gettext_lazy("拟办"),
    Delivery.State.PROPOSED: gettext_lazy("批办"),
    Delivery.State.INSTRUCTED: gettext_lazy("办结"),
}


def _draft_groups(user, units: set[int]) -> list[TodoGroup]:
    outbox = reverse("officedocs_admin:outbox")
    checking = units & role_unit_ids(user, settings.OFFICEDOCS_CHECKER_ROLES)
    signing = units & role_unit_ids(user, settings.OFFICEDOCS_SIGNER_ROLES)
    specs = (
        (
            "officedocs_check",
            gettext_lazy("待核稿公文"),
            _("核稿"),
            OfficialDocument.objects.filter(
                sender_id__in=checking, state=OfficialDocument.State.CHECKING
            ).exclude(drafted_by=user),
        ),
        (
            "officedocs_sign_off",
            gettext_lazy("待签发公文"),
            _("签发"),
            OfficialDocument.objects.filter(
                sender_id__in=signing, state=OfficialDocument.State.SIGNING
            ).exclude(Q(drafted_by=user) | Q(checked_by=user)),
        ),
    )
    groups = []
    for key, label, step, documents in specs:
        documents = documents.order_by("drafted_at", "id")
        items = Later(partial(_draft_items, documents, step))
        groups.append(
            TodoGroup(key=key, label=label, url=outbox, items=items, count=documents.count())
        )
    return groups


def _draft_items(documents, step: str) -> list[TodoItem]:
    return [
        TodoItem(
            title=document.title,
            url=reverse("officedocs_admin:detail", args=[document.pk]),
            reference=document.prefix,
            next_step=step,
        )
        for document in documents[:SHOWN]
    ]


def _delivery_items(waiting, state: str, due_field: str, today: date, work_calendar):
    return [
        TodoItem(
            title=delivery.document.title,
            url=reverse("officedocs_admin:detail", args=[delivery.document_id]),
            reference=delivery.document.number,
            next_step=str(NEXT_STEP[state]),
            due_on=getattr(delivery.document, due_field),
            provisional=delivery.document.due_provisional,
            level=tracking.level(delivery, delivery.document, today, work_calendar),
        )
        for delivery in waiting.order_by(f"document__{due_field}", "id")[:SHOWN]
    ]


def officedocs_groups(user, today: date) -> list[TodoGroup]:
    units = access.my_unit_ids(user)
    if not units:
        return []
    work_calendar = WorkCalendar.load()
    inbox = reverse("officedocs_admin:inbox")
    groups = _draft_groups(user, units)
    # is_leader for each of the user's units (my_unit_ids has none for an administrator).
    leading = units & role_unit_ids(user, settings.OFFICEDOCS_LEADER_ROLES)
    received = Delivery.objects.filter(document__state=OfficialDocument.State.SENT)
    specs = (
        (
            "officedocs_sign_for",
            gettext_lazy("待签收公文"),
            Delivery.State.PENDING,
            Q(unit_id__in=units),
        ),
        (
            "officedocs_propose",
            gettext_lazy("待拟办公文"),
            Delivery.State.SIGNED,
            Q(unit_id__in=units),
        ),
        (
            "officedocs_instruct",
            gettext_lazy("待批办公文"),
            Delivery.State.PROPOSED,
            Q(unit_id__in=leading),
        ),
        (
            "officedocs_handle",
            gettext_lazy("待办结公文"),
            Delivery.State.INSTRUCTED,
            Q(unit_id__in=units, assignee=user),
        ),
    )
    for key, label, state, mine in specs:
        due_field = "sign_for_due_on" if state == Delivery.State.PENDING else "handle_due_on"
        waiting = received.filter(mine, state=state).select_related("document", "document__sender")
        items = Later(partial(_delivery_items, waiting, state, due_field, today, work_calendar))
        groups.append(
            TodoGroup(
                key=key,
                label=label,
                url=f"{inbox}?state={state}",
                items=items,
                count=waiting.count(),
            )
        )
    return groups
