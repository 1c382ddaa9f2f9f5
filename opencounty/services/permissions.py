"""Who may manage what in the service catalogue (one place, not in templates)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BasePermissionPolicy

from opencounty.core.models import Unit


def is_county_office(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or Unit.objects.filter(kind=Unit.Kind.COUNTY_OFFICE, role_groups__group__user=user).exists()
    )


def report_units(user) -> list[Unit]:
    """The units whose guides a staff member sees in the completeness report."""
    if user is None or not user.is_authenticated:
        return []
    units = Unit.objects.order_by("kind", "order", "code")
    if is_county_office(user):
        return list(units)
    return list(units.filter(role_groups__group__user=user).distinct())


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
            .filter(groups__unit_role__unit__kind=Unit.Kind.COUNTY_OFFICE)
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
