"""Which page an address points to and which unit owns it, through Wagtail's own routing."""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from opencounty.core.models import Unit
from opencounty.portal.units import unit_for_page

MAX_ADDRESS_LENGTH = 500
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class InvalidReport(ValueError):
    """A report that cannot be stored as given (message in Chinese for the user)."""


class ForeignAddress(InvalidReport):
    """The address is not a page of this site."""


def site_hosts(request_host: str = "") -> set[str]:
    """Host names this site answers on: every Wagtail site, and the host of the request."""
    hosts = {name.lower() for name in Site.objects.values_list("hostname", flat=True)}
    if request_host:
        hosts.add(split_domain_port(request_host)[0].lower())
    return hosts


def checked_address(address: str, *, request_host: str = "", base_url: str = "") -> str:
    """The absolute address of a page on this site; a path is taken relative to `base_url`.
    Anything else raises ForeignAddress."""
    address = (address or "").strip()
    if address.startswith("/") and not address.startswith("//") and base_url:
        address = urljoin(base_url, address)
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018  raises ValueError on a malformed port
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.hostname.lower() not in site_hosts(request_host)
    ):
        raise ForeignAddress(
            _("只能报告本网站的页面，请填写本站网页的完整地址（以 http:// 或 https:// 开头）。")
        )
    if len(address) > MAX_ADDRESS_LENGTH:
        raise ForeignAddress(_("页面地址过长。"))
    return address


def page_for_address(address: str) -> Page | None:
    """The live page Wagtail would serve for the address, or None."""
    parts = urlsplit(address)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    request = HttpRequest()
    request.path = parts.path or "/"
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname  # IPv6
    request.META = {"HTTP_HOST": f"{host}:{port}", "SERVER_PORT": str(port)}
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [unquote(part) for part in parts.path.split("/") if part]
    if any(_CONTROL.search(part) for part in components):
        return None  # "%00" and the like name no page (and PostgreSQL cannot compare a NUL)
    try:
        return site.root_page.specific.route(request, components).page
    except Http404:
        return None


def county_office() -> Unit:
    """Where reports go when the address belongs to no unit (the e-government office)."""
    office = Unit.objects.filter(kind=Unit.Kind.COUNTY_OFFICE).order_by("order", "code").first()
    return office or Unit.objects.order_by("order", "code").first()


def route(address: str) -> tuple[Page | None, Unit]:
    """(the page, the unit that answers for it): the page's owner, else the county office."""
    page = page_for_address(address)
    unit = unit_for_page(page) if page is not None else None
    return page, unit or county_office()
