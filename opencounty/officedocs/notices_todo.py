"""我的待办: staff notices sent to this person's units that they have not opened yet."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.core.todo import TodoGroup, TodoItem
from opencounty.officedocs import notices

SHOWN = 20


def notice_groups(user, today: date) -> list[TodoGroup]:
    unread = notices.unread_for(user)
    count = unread.count()
    if not count:
        return []
    items = [
        TodoItem(
            title=notice.title,
            url=reverse("officedocs_notices:detail", args=[notice.pk]),
            reference=notice.sender.short_name,
            next_step=_("阅读"),
        )
        for notice in unread.order_by("-sent_at", "-id")[:SHOWN]
    ]
    return [
        TodoGroup(
            key="officedocs_notices",
            label=gettext_lazy("未读内部通知"),
            url=reverse("officedocs_notices:list"),
            items=items,
            count=count,
        )
    ]
