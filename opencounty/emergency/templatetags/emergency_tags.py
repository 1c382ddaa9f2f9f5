"""The public warning banner, drawn into every public page by the base template."""

from django import template

from opencounty.emergency import banner

register = template.Library()


@register.inclusion_tag("emergency/includes/banner.html")
def warning_banner() -> dict:
    return {"warnings": banner.active_warnings()}
