"""Video conferences in 我的待办: applications waiting for the office's decision, checklists
waiting on the technical staff they are assigned to, past conferences without their 会后登记."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.core.todo import TodoGroup, TodoItem
from opencounty.meetings import access
from opencounty.meetings.models import Checklist, Conference

SHOWN = 20
State = Conference.State


def _item(conference: Conference, step: str, level: str = "", due=None):
    start = timezone.localtime(conference.start)
    return TodoItem(
        title=conference.title,
        url=reverse("meetings_admin:detail", args=[conference.pk]),
        reference=f"{conference.reference} {start:%m-%d %H:%M}",
        next_step=step,
        level=level,
        due_on=due or start.date(),
    )


def meeting_groups(user, today: date) -> list[TodoGroup]:
    if not (user and user.is_authenticated):
        return []
    now = timezone.now()
    groups = []
    if access.is_office(user):
        pending = Conference.objects.filter(state=State.PENDING, end__gt=now).order_by("start")
        soon = now + timedelta(days=1)
        groups.append(
            TodoGroup(
                key="meetings_pending",
                label=_("视频会议待审批"),
                url=reverse("meetings_admin:list") + "?state=pending",
                items=[
                    _item(c, _("审批"), "red" if c.start <= soon else "") for c in pending[:SHOWN]
                ],
                count=pending.count(),
            )
        )
        unrecorded = Conference.objects.filter(
            state=State.APPROVED, end__lte=now, closed_at__isnull=True
        ).order_by("start")
        groups.append(
            TodoGroup(
                key="meetings_outcome",
                label=_("视频会议待会后登记"),
                url=reverse("meetings_admin:list") + "?state=approved",
                items=[_item(c, _("登记纪要、录像和出席")) for c in unrecorded[:SHOWN]],
                count=unrecorded.count(),
            )
        )
    checklists = (
        Checklist.objects.filter(
            technician=user,
            completed_at__isnull=True,
            conference__state=State.APPROVED,
            conference__end__gt=now,
        )
        .select_related("conference")
        .order_by("conference__start")
    )
    groups.append(
        TodoGroup(
            key="meetings_checklists",
            label=_("视频会议保障"),
            url=reverse("meetings_admin:today")
            if access.is_office(user)
            else reverse("meetings_admin:list"),
            items=[
                _item(
                    c.conference,
                    _("会前调试与保障清单"),
                    "red"
                    if c.test_call_at and c.test_call_at <= now and not c.test_call_done
                    else "",
                    timezone.localtime(c.test_call_at).date() if c.test_call_at else None,
                )
                for c in checklists[:SHOWN]
            ],
            count=checklists.count(),
        )
    )
    return groups
