from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from opencounty.portal.cache import ELDERLY_COOKIE
from opencounty.portal.pages import ArticlePage, ColumnPage

FEED_ITEMS = 30
ONE_YEAR = 365 * 24 * 3600


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/"
    return target


def toggle_display_mode(request: HttpRequest) -> HttpResponse:
    """Switch the elderly-friendly mode (适老化模式) on or off; remembered in a cookie."""
    response = HttpResponseRedirect(_safe_next(request))
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
