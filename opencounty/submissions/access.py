"""Who may do what with information items: the one place for these rules (architecture rule 4).

- A unit's staff (any handling role) write and send its items and see only its own.
- Inside the unit, an item is approved (审签) by a leader role; an item marked 热点难点 by the
  分管领导 role (both configurable: SUBMISSIONS_APPROVER_ROLES, SUBMISSIONS_HOT_APPROVER_ROLES).
- The county office's handling staff are the editors: they see every item once its unit has
  sent it (never another unit's drafts), return, merge and adopt items and compose bulletins;
  issues are signed off (签发) by the roles in SUBMISSIONS_SIGNER_ROLES.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from opencounty.core.access import holds_office_role, holds_role, sees_every_unit, staff_units
from opencounty.core.models import Unit
from opencounty.submissions.models import Submission

UNSENT = (Submission.State.DRAFT, Submission.State.AWAITING_APPROVAL)


def is_editor(user) -> bool:
    return sees_every_unit(user)


def may_sign(user) -> bool:
    return bool(user and user.is_authenticated) and (
        user.is_superuser or holds_office_role(user, settings.SUBMISSIONS_SIGNER_ROLES)
    )


def may_write(user, unit: Unit) -> bool:
    return holds_role(user, unit)


def may_approve(user, submission: Submission) -> bool:
    roles = (
        settings.SUBMISSIONS_HOT_APPROVER_ROLES
        if submission.hot
        else settings.SUBMISSIONS_APPROVER_ROLES
    )
    return holds_role(user, submission.unit, roles)


def visible_submissions(user) -> QuerySet[Submission]:
    """The unit's own items in every state; for the editors, every unit's sent items too."""
    if not (user and user.is_authenticated):
        return Submission.objects.none()
    own = Q(unit__in=staff_units(user))
    if is_editor(user):
        return Submission.objects.filter(own | ~Q(state__in=UNSENT))
    return Submission.objects.filter(own)


def writable_units(user) -> list[Unit]:
    if not (user and user.is_authenticated):
        return []
    return list(staff_units(user).order_by("kind", "order", "code"))
