"""Information submissions in 我的待办: items waiting for this person's approval, returned items
to rework, sent items for the editors, issues to sign off."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.core.access import role_unit_ids
from opencounty.core.todo import TodoGroup, TodoItem
from opencounty.submissions import access
from opencounty.submissions.models import BulletinIssue, Submission

SHOWN = 20
State = Submission.State


def _approvable(user) -> Q:
    units = role_unit_ids(user)
    ordinary = units & role_unit_ids(user, settings.SUBMISSIONS_APPROVER_ROLES)
    hot = units & role_unit_ids(user, settings.SUBMISSIONS_HOT_APPROVER_ROLES)
    return Q(hot=False, unit_id__in=ordinary) | Q(hot=True, unit_id__in=hot)


def _item(submission: Submission, step: str) -> TodoItem:
    deadline = submission.special_deadline
    return TodoItem(
        title=submission.title,
        url=reverse("submissions_admin:detail", args=[submission.pk]),
        reference=submission.reference or submission.unit.short_name,
        next_step=step,
        # A 专报 not yet sent when its hours are up is red.
        level="red"
        if deadline and not submission.submitted_at and timezone.now() > deadline
        else "",
        due_on=deadline.date() if deadline else None,
    )


def submission_groups(user, today: date) -> list[TodoGroup]:
    if not (user and user.is_authenticated):
        return []
    waiting: list[TodoItem] = []
    count = 0
    queries = [
        (Q(state=State.AWAITING_APPROVAL) & _approvable(user), _("审签")),
        (Q(state=State.RETURNED, unit_id__in=role_unit_ids(user)), _("修改后重新送审签")),
    ]
    if access.is_editor(user):
        queries.append((Q(state=State.SUBMITTED), _("采用或退回")))
    for query, step in queries:
        items = Submission.objects.filter(query).select_related("unit").order_by("created_at")
        count += items.count()
        waiting += [_item(s, step) for s in items[:SHOWN]]
    groups = [
        TodoGroup(
            key="submissions",
            label=_("政务信息报送"),
            url=reverse("submissions_admin:list"),
            items=waiting[:SHOWN],
            count=count,
        )
    ]
    if access.may_sign(user):
        issues = BulletinIssue.objects.filter(
            state=BulletinIssue.State.DRAFT, items__isnull=False
        ).distinct()
        groups.append(
            TodoGroup(
                key="bulletin_issues",
                label=_("待签发简报"),
                url=reverse("submissions_admin:issues"),
                items=[
                    TodoItem(
                        title=str(issue),
                        url=reverse("submissions_admin:issue", args=[issue.pk]),
                        next_step=_("签发"),
                    )
                    for issue in issues[:SHOWN]
                ],
                count=issues.count(),
            )
        )
    return groups
