"""Who may do what in the data catalogue: the one place for these rules (architecture rule 4).

- A unit's staff (any handling role) catalogue its resources and see them in every state;
  another unit's resources only once published (the catalogue is there to be seen), never
  its drafts. The county office's handling staff see every unit's.
- A resource is published by a reviewer or unit administrator of its unit, or by the county
  office (电子政务办), after review.
- Data files: the provider and the county office always; any unit's staff for a published
  无条件共享 resource; a unit whose 有条件共享 request was granted; the public for an openly
  published (无条件开放) one.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opencounty.core.access import holds_role, sees_every_unit, staff_units, works_for
from opencounty.core.models import Role, Unit
from opencounty.datacatalogue import kind as k
from opencounty.datacatalogue.models import Resource, SharingRequest

PUBLISHER_ROLES = (Role.REVIEWER, Role.UNIT_ADMINISTRATOR)


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def is_staff(user) -> bool:
    return _signed_in(user) and (sees_every_unit(user) or staff_units(user).exists())


def may_catalogue(user, unit: Unit) -> bool:
    return holds_role(user, unit) or sees_every_unit(user)


def may_publish(user, resource: Resource) -> bool:
    return holds_role(user, resource.unit, PUBLISHER_ROLES) or sees_every_unit(user)


def visible_resources(user) -> QuerySet[Resource]:
    if not _signed_in(user):
        return Resource.objects.none()
    if sees_every_unit(user):
        return Resource.objects.all()
    return Resource.objects.filter(
        Q(unit__in=staff_units(user)) | Q(state=Resource.State.PUBLISHED)
    )


def cataloguing_units(user) -> list[Unit]:
    if not _signed_in(user):
        return []
    units = Unit.objects.all() if sees_every_unit(user) else staff_units(user)
    return list(units.order_by("kind", "order", "code"))


def granted_request(user, resource: Resource) -> SharingRequest | None:
    """A granted request of one of the user's units for this resource, if any."""
    if not _signed_in(user):
        return None
    return (
        SharingRequest.objects.filter(
            resource=resource,
            requesting_unit__in=staff_units(user),
            case__state=k.GRANTED,
        )
        .select_related("case", "requesting_unit")
        .first()
    )


def may_download(user, resource: Resource) -> bool:
    if resource.is_open:
        return True
    if not _signed_in(user):
        return False
    if works_for(user, resource.unit):
        return True
    if resource.state != Resource.State.PUBLISHED or not staff_units(user).exists():
        return False
    if resource.sharing == Resource.Sharing.UNCONDITIONAL:
        return True
    return resource.sharing == Resource.Sharing.CONDITIONAL and bool(
        granted_request(user, resource)
    )


def visible_sharing_requests(user) -> QuerySet[SharingRequest]:
    """Requests to or from the user's units (every one for the county office)."""
    if not _signed_in(user):
        return SharingRequest.objects.none()
    requests = SharingRequest.objects.select_related("case", "resource", "requesting_unit")
    if sees_every_unit(user):
        return requests
    units = staff_units(user)
    return requests.filter(Q(requesting_unit__in=units) | Q(resource__unit__in=units))
