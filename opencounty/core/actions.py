"""State changes of core objects. Views, commands and tests call these; nothing else saves."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from opencounty.core import audit
from opencounty.core.models import COUNTY_OFFICE_ROLES, UNIT_ROLES, Role, Unit, UnitGroup

PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # Nobody but the workflow publishes: approval of the last task is what makes a page live.
    Role.INFORMATION_OFFICER: ("add_page", "change_page"),
    Role.REVIEWER: ("add_page", "change_page", "lock_page"),
    Role.UNIT_ADMINISTRATOR: ("add_page", "change_page", "lock_page", "unlock_page"),
    Role.HEADLINE_REVIEWER: ("add_page", "change_page", "lock_page"),
}
MEDIA_PERMISSIONS = (
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
)
MODEL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.SYSTEM_ADMINISTRATOR: (
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "core.add_unit",
        "core.change_unit",
        "core.view_unit",
        "core.add_wordrule",
        "core.change_wordrule",
        "core.delete_wordrule",
        "core.view_wordrule",
        "core.add_calendaryear",
        "core.change_calendaryear",
        "core.view_calendaryear",
        "core.add_calendarday",
        "core.change_calendarday",
        "core.delete_calendarday",
        "core.view_calendarday",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.view_site",
        "portal.change_portalsettings",
    ),
    Role.SECURITY_ADMINISTRATOR: ("auth.change_group", "auth.view_group", "auth.view_user"),
    Role.AUDIT_ADMINISTRATOR: ("core.view_auditentry",),
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def group_name(unit: Unit, role: str) -> str:
    return f"{unit.short_name}·{Role(role).label}"


@transaction.atomic
def sync_unit_roles(unit: Unit, *, actor=None) -> list[Group]:
    """Create or refresh the role groups of a unit and their page and media permissions."""
    roles = UNIT_ROLES + (COUNTY_OFFICE_ROLES if unit.is_county_office else ())
    if unit.collection is None:
        root = Collection.get_first_root_node()
        unit.collection = root.add_child(name=unit.name)
        unit.save(update_fields=["collection"])
    access_admin = _permission("wagtailadmin.access_admin")
    portal_root = _portal_root()
    groups = []
    for role in roles:
        link = UnitGroup.objects.filter(unit=unit, role=role).select_related("group").first()
        if link is None:
            group, _ = Group.objects.get_or_create(name=group_name(unit, role))
            link = UnitGroup.objects.create(unit=unit, role=role, group=group)
        group = link.group
        group.permissions.set(
            [access_admin, *(_permission(p) for p in MODEL_PERMISSIONS.get(role, ()))]
        )
        GroupPagePermission.objects.filter(group=group).delete()
        if unit.is_county_office:
            # The office looks after the whole website group (structure, headline review).
            pages = [portal_root] if portal_root is not None else []
        else:
            pages = permission_roots(unit)
        for page in pages:
            for codename in PAGE_PERMISSIONS.get(role, ()):
                GroupPagePermission.objects.create(
                    group=group, page=page, permission=_permission(f"wagtailcore.{codename}")
                )
        GroupCollectionPermission.objects.filter(group=group).delete()
        if role in UNIT_ROLES:
            for dotted in MEDIA_PERMISSIONS:
                GroupCollectionPermission.objects.create(
                    group=group, collection=unit.collection, permission=_permission(dotted)
                )
        groups.append(group)
    audit.record("unit.sync_roles", actor=actor, obj=unit, details={"groups": len(groups)})
    return groups


def permission_roots(unit: Unit) -> list[Page]:
    """Pages where the unit's rights start: its sub-site root, or, when other units' sub-sites
    sit inside it (the county portal), each of its own top-level sections instead."""
    root = unit.root_page
    if root is None:
        return []
    nested = [
        path
        for path in Unit.objects.exclude(pk=unit.pk)
        .filter(root_page__path__startswith=root.path)
        .values_list("root_page__path", flat=True)
    ]
    if not nested:
        return [root]
    return [
        child
        for child in root.get_children()
        if not any(path.startswith(child.path) for path in nested)
    ]


def _portal_root() -> Page | None:
    county = Unit.objects.filter(kind=Unit.Kind.COUNTY_GOVERNMENT).first()
    return county.root_page if county else None


@transaction.atomic
def assign_role(user, unit: Unit, role: str, *, actor=None) -> None:
    """Give a staff member one role in one unit."""
    link = UnitGroup.objects.filter(unit=unit, role=role).select_related("group").first()
    if link is None:
        sync_unit_roles(unit, actor=actor)
        link = UnitGroup.objects.select_related("group").get(unit=unit, role=role)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(link.group)
    audit.record(
        "staff.assign_role", actor=actor, obj=user, details={"unit": unit.code, "role": role}
    )


def units_of(user) -> list[Unit]:
    """The units a staff member works for, through their role groups."""
    return list(Unit.objects.filter(role_groups__group__user=user).distinct())


def roles_of(user, unit: Unit) -> set[str]:
    return set(UnitGroup.objects.filter(unit=unit, group__user=user).values_list("role", flat=True))
