"""Web-page metadata (网页元数据) by page type, as the national practice for government
websites gives it (政府网站发展指引; the metadata of government web pages).

Every page: SiteName, SiteDomain, SiteIDCode.
Article pages add ColumnName, ColumnType, ArticleTitle, PubDate (YYYY-MM-DD HH:MM),
ContentSource, Keywords and Description.
Column and listing pages and the home page add ColumnName, ColumnDescription,
ColumnKeywords and ColumnType, and carry no ArticleTitle or PubDate.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

Tags = list[tuple[str, str]]


def _joined(words: Iterable[str]) -> str:
    seen: list[str] = []
    for word in words:
        word = (word or "").strip()
        if word and word not in seen:
            seen.append(word)
    return ",".join(seen)


def pub_date(moment) -> str:
    """A publication time as the rules show it: YYYY-MM-DD HH:MM, local time."""
    if moment is None:
        return ""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def site_tags(request: HttpRequest | None, portal_settings) -> Tags:
    return [
        ("SiteName", getattr(portal_settings, "site_name", "") or ""),
        ("SiteDomain", request.get_host() if request is not None else ""),
        ("SiteIDCode", getattr(portal_settings, "site_id_code", "") or ""),
    ]


def column_tags(name: str, column_type: str, description: str, keywords: Iterable[str]) -> Tags:
    return [
        ("ColumnName", name),
        ("ColumnDescription", description),
        ("ColumnKeywords", _joined(keywords)),
        ("ColumnType", column_type),
    ]


def page_tags(page, request: HttpRequest | None, portal_settings) -> Tags:
    """The metadata of a Wagtail page of the website group, by its type."""
    tags = site_tags(request, portal_settings)
    site_name = getattr(portal_settings, "site_name", "") or ""
    kind = getattr(page, "metadata_type", "article")
    if kind == "home":
        name = _("首页")
        description = page.column_description() or site_name
        return tags + column_tags(name, name, description, [site_name, name])
    column = page.metadata_column()
    if kind == "column":
        description = page.column_description() or f"{site_name}{page.title}"
        keywords = [page.title, page.column_type(), page.content_source()]
        return tags + column_tags(page.title, page.column_type(), description, keywords)
    return tags + [
        ("ColumnName", column.title),
        ("ColumnType", column.column_type()),
        ("ArticleTitle", page.title),
        ("PubDate", pub_date(page.first_published_at)),
        ("ContentSource", page.content_source()),
        ("Keywords", _joined(page.meta_keywords())),
        ("Description", page.meta_description()),
    ]
