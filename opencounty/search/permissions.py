"""Who looks after search: the county e-government office keeps the synonym table and reads
the log of searches that found nothing. The one place for this rule."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from wagtail.permission_policies import BasePermissionPolicy

from opencounty.core.access import HANDLING_ROLES, holds_office_role
from opencounty.core.models import Role, Unit

# The office's handling staff, and its system administrator, who keeps the other word lists
# and the configuration; the security and audit administrators (三员分立) manage roles and
# read the audit log only.
SEARCH_KEEPER_ROLES = frozenset(HANDLING_ROLES | {Role.SYSTEM_ADMINISTRATOR})


def may_keep_search(user) -> bool:
    """Whether the user may edit the synonym table and read the zero-result log."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or holds_office_role(user, SEARCH_KEEPER_ROLES)


class OfficeOnlyPolicy(BasePermissionPolicy):
    """Every action on the model is the office's (no per-object rules, no Django permissions
    to hand out: the roles decide)."""

    def user_has_permission(self, user, action: str) -> bool:
        return may_keep_search(user)

    def users_with_any_permission(self, actions) -> QuerySet:
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(
                    groups__unit_role__unit__kind=Unit.Kind.COUNTY_OFFICE,
                    groups__unit_role__role__in=list(SEARCH_KEEPER_ROLES),
                )
            )
            .distinct()
        )
