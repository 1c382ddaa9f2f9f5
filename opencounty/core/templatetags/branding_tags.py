"""The platform's own name and mark in the admin, instead of Wagtail's."""

from django import template
from django.apps import apps
from django.conf import settings

register = template.Library()


@register.simple_tag
def platform_name() -> str:
    """The name of the county's platform (the PLATFORM_NAME setting)."""
    return settings.WAGTAIL_SITE_NAME


@register.inclusion_tag("core/admin/mark.html")
def platform_mark(size: int = 40) -> dict:
    """The platform's neutral mark: a plain drawing of our own, no third-party logo."""
    return {"size": size}


@register.filter
def app_verbose_name(app_label: str) -> str:
    """An app's name as people read it (门户网站群), not its code (portal)."""
    try:
        return str(apps.get_app_config(app_label).verbose_name)
    except LookupError:
        return app_label
