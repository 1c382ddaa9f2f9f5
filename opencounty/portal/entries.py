"""The service entries (便民入口) on the portal's home page and in the site map.

Each entry's address is found where it lives (a page of the tree or a named URL), so
an entry whose target the site does not have is left out rather than linked to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


@dataclass(frozen=True)
class Entry:
    key: str
    label: str
    hint: str
    url: str


def _reverse(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _url(page: Page | None, request) -> str:
    return (page.get_url(request) or "") if page is not None else ""


def _live_child(home: Page, model_label: str) -> Page | None:
    model = apps.get_model(model_label)
    return model.objects.child_of(home).live().public().first()


def _county_column(home: Page, kind: str) -> Page | None:
    from opencounty.portal.pages.column import ColumnPage

    return ColumnPage.objects.child_of(home).live().public().filter(kind=kind).first()


def _consultations_column(home: Page, owner) -> Page | None:
    """Where the site's open surveys and consultations are listed: the column holding the newest
    of them (a 征集调查 column if the office made one), else the 互动交流 column."""
    from opencounty.portal.pages.column import ColumnPage
    from opencounty.portal.units import pages_owned_by

    newest = []
    for label in ("interaction.SurveyPage", "interaction.ConsultationPage"):
        pages = apps.get_model(label).objects.descendant_of(home).live().public()
        if owner is not None:
            pages = pages.filter(pages_owned_by(owner))
        page = pages.order_by("-first_published_at").first()
        if page is not None:
            newest.append(page)
    if newest:
        holder = max(newest, key=lambda page: page.first_published_at).get_parent().specific
        if isinstance(holder, ColumnPage):
            return holder
    return _county_column(home, ColumnPage.Kind.INTERACTION)


def home_entries(home: Page, request) -> list[Entry]:
    """The entries to the county's services, in the order a visitor looks for them."""
    from opencounty.portal.pages.column import ColumnPage
    from opencounty.portal.units import unit_for_page

    county = unit_for_page(home)
    disclosure = _reverse("disclosure:apply", county.code) if county else ""
    if not disclosure:
        disclosure = _url(_live_child(home, "disclosure.DisclosurePage"), request)
    notices = _county_column(home, ColumnPage.Kind.NOTICE)
    entries = [
        Entry(
            "services",
            _("在线办事"),
            _("办事指南、网上申请"),
            _url(_live_child(home, "services.ServiceIndexPage"), request),
        ),
        Entry(
            "letter",
            _("我要写信"),
            _("咨询、建议、投诉"),
            _reverse("interaction:letter_write"),
        ),
        Entry(
            "lookup",
            _("办件查询"),
            _("凭受理编号和查询码查进度"),
            _reverse("cases:lookup"),
        ),
        Entry("disclosure", _("依申请公开"), _("申请获取政府信息"), disclosure),
        Entry("results", _("办结公示"), _("行政许可办理结果"), _reverse("services:results")),
        Entry("ratings", _("好差评公示"), _("各部门办事评价"), _reverse("services:ratings")),
        Entry(
            "consultations",
            _("征集调查"),
            _("意见征集、网上调查"),
            _url(_consultations_column(home, county), request),
        ),
        Entry(
            "notices",
            notices.title if notices else _("通知公告"),
            _("通知、公告和预警信息"),
            _url(notices, request),
        ),
    ]
    return [entry for entry in entries if entry.url]
