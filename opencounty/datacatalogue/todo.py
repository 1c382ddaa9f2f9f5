"""The catalogue in 我的待办: resources waiting for this person's review, returned ones to rework.
(Sharing requests wait there through the case engine.)"""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from opencounty.core.access import role_unit_ids, sees_every_unit
from opencounty.core.todo import TodoGroup, TodoItem
from opencounty.datacatalogue.access import PUBLISHER_ROLES
from opencounty.datacatalogue.models import Resource

SHOWN = 20


def catalogue_groups(user, today: date) -> list[TodoGroup]:
    if not (user and user.is_authenticated):
        return []
    units = role_unit_ids(user)
    reviewable = units & role_unit_ids(user, PUBLISHER_ROLES)
    review = Q(state=Resource.State.AWAITING_REVIEW)
    if not sees_every_unit(user):
        review &= Q(unit_id__in=reviewable)
    queries = [
        (review, _("审核发布")),
        (Q(state=Resource.State.RETURNED, unit_id__in=units), _("修改后重新送审")),
    ]
    items: list[TodoItem] = []
    count = 0
    for query, step in queries:
        found = Resource.objects.filter(query).select_related("unit").order_by("modified_at")
        count += found.count()
        items += [
            TodoItem(
                title=r.name,
                url=reverse("datacatalogue_admin:detail", args=[r.pk]),
                reference=r.code,
                next_step=step,
            )
            for r in found[:SHOWN]
        ]
    if not count:
        return []
    return [
        TodoGroup(
            key="datacatalogue",
            label=_("政务信息资源目录"),
            url=reverse("datacatalogue_admin:list"),
            items=items[:SHOWN],
            count=count,
        )
    ]
