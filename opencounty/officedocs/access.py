"""Who sees and handles which document: the one place for these rules.

A document belongs to the units it passes between. The sending unit's handling staff see it
from the first draft; a recipient unit's staff see it once it has been sent to them. Nobody
else does: not the county office (documents are not cases it supervises), not the three
separated administrators, not a superuser.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opencounty.core.access import holds_role, is_administrator, staff_units
from opencounty.core.models import Role
from opencounty.officedocs.models import Delivery, OfficialDocument

# 签发: who may sign a draft off and send it, inside the sending unit.
SIGN_OFF_ROLES = frozenset({Role.REVIEWER, Role.UNIT_ADMINISTRATOR, Role.HEADLINE_REVIEWER})


def my_unit_ids(user) -> set[int]:
    if user is None or not user.is_authenticated or is_administrator(user):
        return set()
    return set(staff_units(user).values_list("pk", flat=True))


def visible_documents(user) -> QuerySet[OfficialDocument]:
    units = my_unit_ids(user)
    if not units:
        return OfficialDocument.objects.none()
    return OfficialDocument.objects.filter(
        Q(sender_id__in=units) | Q(state=OfficialDocument.State.SENT, deliveries__unit_id__in=units)
    ).distinct()


def is_sender(user, document: OfficialDocument) -> bool:
    return document.sender_id in my_unit_ids(user)


def may_sign_off(user, document: OfficialDocument) -> bool:
    return not is_administrator(user) and holds_role(user, document.sender, SIGN_OFF_ROLES)


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
