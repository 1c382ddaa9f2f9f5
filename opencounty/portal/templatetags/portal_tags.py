from django import template
from django.utils.safestring import mark_safe
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


@register.inclusion_tag("portal/includes/page_meta.html", takes_context=True)
def page_metadata(context):
    """The web-page metadata (网页元数据) of a Wagtail page, by its type."""
    from opencounty.portal.metadata import page_tags

    page = context.get("page")
    request = context.get("request")
    portal_settings = context.get("ps")
    specific = getattr(page, "specific", page)
    if not hasattr(specific, "metadata_type"):
        return {"tags": []}
    return {"tags": page_tags(specific, request, portal_settings)}


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context) -> str:
        # Rendered (and so escaped) template output, kept as it is.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}…{% endcapture %}: render once (blocks included), use as {{ name }}.

    Lets base.html use what a child template puts in a block more than once."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
