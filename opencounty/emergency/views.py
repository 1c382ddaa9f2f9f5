"""Public addresses: the active warnings as a page, as JSON and as RSS.

The JSON and RSS answers are `no-cache` with an ETag: a browser or proxy may keep them but
asks the server every time (a 304 when nothing changed), and the page cache never stores
them, so a lifted or expired warning is gone from them at once.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.emergency import banner


def _uncached(response):
    patch_cache_control(response, no_cache=True, max_age=0)
    if not response.streaming and not response.has_header("ETag"):
        set_response_etag(response)
    return response


def warnings_json(request: HttpRequest) -> JsonResponse:
    rows = banner.active_warnings()
    response = JsonResponse(
        {"generated_at": timezone.localtime().isoformat(), "warnings": rows},
        json_dumps_params={"ensure_ascii": False},
    )
    return _uncached(response)


def warnings_page(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(
        request, "emergency/warnings.html", {"active": banner.active_warnings()}
    )


class ActiveWarningsFeed(Feed):
    title = gettext_lazy("预警信息")
    description = gettext_lazy("当前生效的预警信息")
    feed_type = Rss201rev2Feed

    def link(self) -> str:
        return reverse("emergency:warnings")

    def items(self) -> list[dict]:
        return banner.active_warnings()

    def item_title(self, item: dict) -> str:
        return item["headline"]

    def item_description(self, item: dict) -> str:
        return f"{item['text']}（{_('有效期至')} {item['valid_until_text']}）"

    def item_link(self, item: dict) -> str:
        return f"{reverse('emergency:warnings')}#warning-{item['id']}"

    def item_guid(self, item: dict) -> str:
        return f"warning-{item['id']}"

    def item_pubdate(self, item: dict):
        from datetime import datetime

        return datetime.fromisoformat(item["published_at"])


def warnings_rss(request: HttpRequest):
    return _uncached(ActiveWarningsFeed()(request))
