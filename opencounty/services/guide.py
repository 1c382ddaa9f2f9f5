"""What the guide page of a service item shows besides the page's own fields."""

from __future__ import annotations

from opencounty.services.flowchart import flow_chart_svg, step_rows

APPLY_PATH = "/services/apply/{code}/"


def guide_context(item) -> dict:
    steps = list(item.steps.select_related("unit"))
    joint = item.item_kind == "joint"
    return {
        "materials": list(item.materials.select_related("blank_form", "sample")),
        "step_rows": step_rows(steps, joint=joint),
        "flow_chart": flow_chart_svg(item),
        "faqs": list(item.faqs.all()),
        "apply_url": APPLY_PATH.format(code=item.code) if item.online_application else "",
        "windows_url": windows_url(),
    }


def county_hall():
    """The county's hall: the live service index page that is not inside a unit's sub-site."""
    from opencounty.services.models import ServiceIndexPage

    for hall in ServiceIndexPage.objects.live().order_by("depth", "path"):
        if hall.is_county_hall():
            return hall
    return None


def windows_url() -> str:
    hall = county_hall()
    if hall is None:
        return ""
    return hall.url + hall.reverse_subpage("windows_view")
