"""The HTML site map (网站地图): every column of the site and of each unit's sub-site.

Columns are the column-type pages (columns, topics, sub-site homes and directories, the
disclosure platform, service halls) and any page an editor put in a menu; articles and
other content pages are not listed, so the map stays the same size however much is published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Page, get_page_models


@dataclass
class Node:
    page: Page
    url: str
    children: list[Node] = field(default_factory=list)


def column_models() -> list[type[Page]]:
    return [
        model
        for model in get_page_models()
        if getattr(model, "metadata_type", None) in ("column", "home")
    ]


def site_map(root: Page, request) -> list[Node]:
    """The columns below `root` as a tree, in menu order."""
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(*column_models()).values()
    pages = (
        Page.objects.descendant_of(root)
        .live()
        .public()
        .filter(Q(content_type__in=types) | Q(show_in_menus=True))
        .order_by("path")
    )
    nodes: dict[str, Node] = {}
    top: list[Node] = []
    for page in pages:
        url = page.get_url(request)
        if url is None:
            continue
        node = Node(page, url)
        nodes[page.path] = node
        parent = _nearest_listed_ancestor(page.path, nodes, root.path)
        (parent.children if parent else top).append(node)
    return top


def _nearest_listed_ancestor(path: str, nodes: dict[str, Node], root_path: str) -> Node | None:
    step = Page.steplen
    ancestor = path[:-step]
    while len(ancestor) > len(root_path):
        if ancestor in nodes:
            return nodes[ancestor]
        ancestor = ancestor[:-step]
    return None
