"""Who sees and handles which document: the one place for these rules.

A document belongs to the units it passes between. The sending unit's handling staff see it
from the first draft; a recipient unit's staff see it once it has been sent to them. Nobody
else does: not the county office (documents are not cases it supervises), not the three
separated administrators, not a superuser.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from opencounty.core.access import HANDLING_ROLES, holds_role, is_administrator, role_unit_ids
from opencounty.core.models import Role, Unit
from opencounty.officedocs.models import Delivery, OfficialDocument

# Who may send a staff notice in the unit's name (notices.py). A document's 签发 is
# OFFICEDOCS_SIGNER_ROLES, its 核稿 OFFICEDOCS_CHECKER_ROLES (see may_sign_off, may_check).
SIGN_OFF_ROLES = frozenset({Role.REVIEWER, Role.UNIT_ADMINISTRATOR, Role.HEADLINE_REVIEWER})


def my_unit_ids(user) -> set[int]:
    if user is None or not user.is_authenticated or is_administrator(user):
        return set()
    return set(role_unit_ids(user))


def visible_documents(user) -> QuerySet[OfficialDocument]:
    units = my_unit_ids(user)
    if not units:
        return OfficialDocument.objects.none()
    return OfficialDocument.objects.filter(
        Q(sender_id__in=units) | Q(state=OfficialDocument.State.SENT, deliveries__unit_id__in=units)
    ).distinct()


def is_sender(user, document: OfficialDocument) -> bool:
    return document.sender_id in my_unit_ids(user)


def may_check(user, document: OfficialDocument) -> bool:
    """核稿: a checker role of the sending unit (OFFICEDOCS_CHECKER_ROLES), not the drafter."""
    return (
        not is_administrator(user)
        and holds_role(user, document.sender, settings.OFFICEDOCS_CHECKER_ROLES)
        and document.drafted_by_id != user.pk
    )


def may_sign_off(user, document: OfficialDocument) -> bool:
    """签发: a signer role of the sending unit (OFFICEDOCS_SIGNER_ROLES), neither the drafter
    nor the checker of this document."""
    return (
        not is_administrator(user)
        and holds_role(user, document.sender, settings.OFFICEDOCS_SIGNER_ROLES)
        and user.pk not in {document.drafted_by_id, document.checked_by_id}
    )


def is_leader(user, unit: Unit) -> bool:
    """批办: a leader role of the receiving unit (OFFICEDOCS_LEADER_ROLES)."""
    return not is_administrator(user) and holds_role(user, unit, settings.OFFICEDOCS_LEADER_ROLES)


def unit_staff(unit: Unit) -> QuerySet:
    """The active handling staff of a unit: who a leader may assign a document to (承办人)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__unit_role__unit=unit,
            groups__unit_role__role__in=HANDLING_ROLES,
        )
        .distinct()
        .order_by("username")
    )


def delivery_for(user, document: OfficialDocument) -> Delivery | None:
    """The delivery to one of the user's units, once sent; None for anyone else."""
    if document.state != OfficialDocument.State.SENT:
        return None
    units = my_unit_ids(user)
    return (
        document.deliveries.filter(unit_id__in=units).select_related("unit").order_by("id").first()
        if units
        else None
    )


def may_see(user, document: OfficialDocument) -> bool:
    return is_sender(user, document) or delivery_for(user, document) is not None


def may_handle(user, delivery: Delivery) -> bool:
    """The recipient unit's handling staff sign for, return and finish its delivery."""
    return (
        delivery.document.state == OfficialDocument.State.SENT
        and delivery.unit_id in my_unit_ids(user)
    )
