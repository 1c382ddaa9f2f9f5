"""Who may manage what in the service catalogue (one place, not in templates)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BasePermissionPolicy

from opencounty.core.access import HANDLING_ROLES, sees_every_unit, visible_units
from opencounty.core.models import Unit


def is_county_office(user) -> bool:
    """The county office's handling staff (not its three administrators) and superusers."""
    return bool(user is not None and user.is_active and sees_every_unit(user))


def report_units(user) -> list[Unit]:
    """The units whose guides a staff member sees in the completeness report."""
    return list(visible_units(user).order_by("kind", "order", "code")) if user else []


class CountyOfficePolicy(BasePermissionPolicy):
    """The service center's windows are kept by the county e-government office."""

    def user_has_permission(self, user, action) -> bool:
        return is_county_office(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return is_county_office(user)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                groups__unit_role__unit__kind=Unit.Kind.COUNTY_OFFICE,
                groups__unit_role__role__in=HANDLING_ROLES,
            )
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
