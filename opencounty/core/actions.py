"""State changes of core objects. Views, commands and tests call these; nothing else saves."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from opencounty.core import audit
from opencounty.core.access import forget_roles
from opencounty.core.models import (
    COUNTY_OFFICE_ROLES,
    UNIT_ROLES,
    CalendarDay,
    CalendarYear,
    Role,
    Unit,
    UnitGroup,
)

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
    # Assigns roles to accounts (the groups field only, core.administrators); never edits a
    # role's permissions: no auth.change_group for anyone.
    Role.SECURITY_ADMINISTRATOR: ("auth.change_user", "auth.view_user", "auth.view_group"),
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
    forget_roles(user)
    audit.record(
        "staff.assign_role", actor=actor, obj=user, details={"unit": unit.code, "role": role}
    )


def units_of(user) -> list[Unit]:
    """The units a staff member works for, through their role groups."""
    return list(Unit.objects.filter(role_groups__group__user=user).distinct())


def roles_of(user, unit: Unit) -> set[str]:
    return set(UnitGroup.objects.filter(unit=unit, group__user=user).values_list("role", flat=True))


# The holiday table (工作日历) -----------------------------------------------------------------


def _table_changed(since, *, reason: str, actor) -> list:
    """Tell the case engine (and anything else listening) that days from `since` on may count
    differently now; returns what the listeners did (the engine's Recalculation)."""
    from opencounty.core.calendar import holiday_table_changed

    return [
        result
        for _receiver, result in holiday_table_changed.send(
            sender=CalendarDay, since=since, reason=reason, actor=actor
        )
        if result is not None
    ]


def replaced_by(notice):
    """The rows a notice replaces: its year's (but late December, which the next year's
    notice may already have named for its 元旦) and any day it names."""
    named = set(notice.holidays) | set(notice.makeup_days)
    year = notice.year
    return CalendarDay.objects.filter(
        Q(date__year=year, date__lt=date(year, 12, 20)) | Q(date__in=named)
    )


def rows_of(notice) -> list[CalendarDay]:
    """The table's rows for a notice: its days off on weekdays and its make-up working days."""
    return [
        CalendarDay(date=day, kind=CalendarDay.Kind.HOLIDAY, name=name)
        for day, name in sorted(notice.holidays.items())
        if day.weekday() < 5
    ] + [
        CalendarDay(date=day, kind=CalendarDay.Kind.MAKEUP_WORKDAY, name=name)
        for day, name in sorted(notice.makeup_days.items())
    ]


@transaction.atomic
def enter_holiday_schedule(notice, *, source: str, actor) -> list:
    """Enter a year from the State Council's notice (a parsed `core.holiday_notice.ParsedNotice`):
    its days replace what the table held for that year, the year counts as entered, and every
    open deadline it touches is derived again. Returns the recalculations."""
    year = notice.year
    named = set(notice.holidays) | set(notice.makeup_days)
    replaced_by(notice).delete()
    CalendarDay.objects.bulk_create(rows_of(notice))
    CalendarYear.objects.update_or_create(year=year, defaults={"source": source[:200]})
    audit.record(
        "calendar.enter_year",
        actor=actor,
        details={
            "year": year,
            "source": source[:200],
            "holidays": sorted(day.isoformat() for day in notice.holidays),
            "makeup_days": sorted(day.isoformat() for day in notice.makeup_days),
        },
    )
    since = min(named | {date(year, 1, 1)})
    return _table_changed(since, reason=_("录入%(year)s年节假日安排") % {"year": year}, actor=actor)


@transaction.atomic
def save_calendar_entry(instance, *, actor, previous: date | int | None = None) -> list:
    """A day (CalendarDay) or a year (CalendarYear) added or changed by hand in the admin:
    saved, audited, and the deadlines it touches derived again. `previous` is the date (or
    year) the row had before an edit."""
    instance.save()
    return _entry_changed(instance, "save", actor=actor, previous=previous)


@transaction.atomic
def delete_calendar_entry(instance, *, actor) -> list:
    """A day or year removed from the table by hand: audited, deadlines derived again."""
    key = _entry_key(instance)
    instance.delete()
    return _entry_changed(instance, "delete", actor=actor, previous=key)


def _entry_key(instance) -> date | int:
    return instance.date if isinstance(instance, CalendarDay) else instance.year


def _as_day(key: date | int) -> date:
    return key if isinstance(key, date) else date(key, 1, 1)


def _entry_changed(instance, how: str, *, actor, previous) -> list:
    key = _entry_key(instance)
    keys = [key] + ([previous] if previous is not None else [])
    what = "day" if isinstance(instance, CalendarDay) else "year"
    audit.record(
        f"calendar.{how}_{what}",
        actor=actor,
        obj=None if how == "delete" else instance,
        details={"entry": str(instance), "previous": str(previous) if previous else ""},
    )
    return _table_changed(
        min(_as_day(k) for k in keys),
        reason=_("修改工作日历：%(entry)s") % {"entry": instance},
        actor=actor,
    )
