"""The back office is the county's platform, not Wagtail: no promotions, no version badge, no
links to Wagtail's English guides (hooks registered from core.wagtail_hooks)."""

from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem

# Help items that promote Wagtail (its release notes and English editor guide); the keyboard
# shortcuts stay.
WAGTAIL_PROMOTIONS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("construct_help_menu")
def drop_wagtail_promotions(request, menu_items: list) -> None:
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_PROMOTIONS)]


@hooks.register("construct_main_menu")
def drop_wagtail_version_footer(request, menu_items: list) -> None:
    """Wagtail's settings menu prints "Wagtail v8.0.1" under its items: use a plain submenu."""
    for index, item in enumerate(menu_items):
        if item.name == "settings" and type(item) is not SubmenuMenuItem:
            menu_items[index] = SubmenuMenuItem(
                item.label,
                item.menu,
                name=item.name,
                icon_name=item.icon_name,
                classname=item.classname,
                order=item.order,
            )


@hooks.register("construct_homepage_panels")
def drop_wagtail_release_panel(request, panels: list) -> None:
    panels[:] = [
        panel for panel in panels if getattr(panel, "name", "") != "whats_new_in_wagtail_version"
    ]


def _label_site_columns() -> None:
    """Wagtail's site list titles three of its columns from their field names ("Site name"),
    outside the translation catalogue: give them the fields' translated names."""
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = Site._meta.get_field(column.name).verbose_name


_label_site_columns()
