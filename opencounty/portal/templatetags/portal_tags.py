from django import template
from wagtail.models import Page

register = template.Library()


@register.inclusion_tag("portal/includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The navigation of the sub-site the page is in, or of the county portal."""
    from opencounty.portal.pages import PortalHomePage, UnitSitePage

    page = context.get("page")
    subsite = None
    if isinstance(page, Page):
        subsite = UnitSitePage.objects.ancestor_of(page, inclusive=True).first()
    root = subsite or PortalHomePage.objects.first()
    items = root.get_children().live().in_menu() if root else []
    return {"root": root, "subsite": subsite, "nav_items": items, "request": context.get("request")}


@register.simple_tag
def subsite_of(page):
    from opencounty.portal.pages import UnitSitePage

    if not isinstance(page, Page):
        return None
    return UnitSitePage.objects.ancestor_of(page, inclusive=True).first()
