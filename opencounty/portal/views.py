from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.models import Site

from opencounty.portal.cache import ELDERLY_COOKIE, TEXT_SIZE_COOKIE, TEXT_SIZES
from opencounty.portal.entries import home_entries
from opencounty.portal.pages import ArticlePage, ColumnPage, PortalHomePage, SubsiteIndexPage
from opencounty.portal.sitemap import site_map

FEED_ITEMS = 30
ONE_YEAR = 365 * 24 * 3600


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/"
    return target


def toggle_display_mode(request: HttpRequest) -> HttpResponse:
    """Switch the elderly-friendly mode (适老化模式) on or off, or choose the article text size
    (字号: text=large, standard or small); each is remembered in a cookie."""
    response = HttpResponseRedirect(_safe_next(request))
    size = request.POST.get("text", request.GET.get("text"))
    if size is not None:
        if size in TEXT_SIZES:
            response.set_cookie(TEXT_SIZE_COOKIE, size, max_age=ONE_YEAR, samesite="Lax")
        else:
            response.delete_cookie(TEXT_SIZE_COOKIE)
        return response
    turn_on = request.POST.get("mode", request.GET.get("mode")) == "elderly"
    if turn_on:
        response.set_cookie(ELDERLY_COOKIE, "1", max_age=ONE_YEAR, samesite="Lax")
    else:
        response.delete_cookie(ELDERLY_COOKIE)
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /display-mode/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def site_map_page(request: HttpRequest) -> HttpResponse:
    """网站地图: the columns of the site this request came to, and of every sub-site in it."""
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else PortalHomePage.objects.first()
    if root is None:
        raise Http404
    nodes = site_map(root, request)
    directories = [node for node in nodes if isinstance(node.page.specific, SubsiteIndexPage)]
    context = {
        "root": root,
        "columns": [node for node in nodes if node not in directories],
        "directories": directories,
        "entries": home_entries(root, request) if isinstance(root, PortalHomePage) else [],
    }
    return render(request, "portal/site_map.html", context)


class ColumnFeed(Feed):
    """RSS of one column's newest articles."""

    def get_object(self, request: HttpRequest, column_id: int) -> ColumnPage:
        column = ColumnPage.objects.live().public().filter(pk=column_id).first()
        if column is None:
            raise Http404
        self.request = request
        return column

    def title(self, column: ColumnPage) -> str:
        return column.title

    def link(self, column: ColumnPage) -> str:
        return column.url

    def description(self, column: ColumnPage) -> str:
        return column.intro or column.title

    def items(self, column: ColumnPage):
        return (
            ArticlePage.objects.child_of(column)
            .live()
            .public()
            .order_by("-first_published_at")[:FEED_ITEMS]
        )

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.summary or item.plain_body()[:200]

    def item_link(self, item: ArticlePage) -> str:
        return item.full_url or item.url

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    template = loader.get_template("404.html")
    return HttpResponse(template.render({"request_path": request.path}, request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"title": _("服务器错误")}), status=500)
