"""Template tags other apps use to show the list of powers (the service guide shows the code
of the 行政许可 power it implements)."""

from django import template

register = template.Library()


@register.simple_tag
def public_power_codes(item) -> list[str]:
    """The codes of the published powers linked to a service item."""
    from opencounty.powers.models import PowerVersion

    if item is None or not getattr(item, "pk", None):
        return []
    return list(
        PowerVersion.objects.filter(is_current=True, service_item=item)
        .order_by("code")
        .values_list("code", flat=True)
    )
