"""The home page leads to every service in one click, to where each service really is."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.interaction.models import ConsultationPage
from opencounty.portal.models import PortalHomePage
from opencounty.portal.tests.helpers import county_column, new_column
from opencounty.services.models import ServiceIndexPage

pytestmark = pytest.mark.django_db


def entries(client) -> dict[str, str]:
    html = client.get("/").content.decode()
    block = html[html.index('<nav class="home-entries"') :]
    block = block[: block.index("</nav>")]
    found = re.findall(
        r'<a class="entry entry-\w+" href="([^"]+)"><span class="entry-label">([^<]+)', block
    )
    return {label: href for href, label in found}


def test_the_home_page_leads_to_every_service_where_it_is(client):
    home = PortalHomePage.objects.get()
    hall = ServiceIndexPage.objects.child_of(home).live().get()
    county = Unit.objects.get(root_page=home)
    assert entries(client) == {
        "在线办事": hall.url,
        "我要写信": reverse("interaction:letter_write"),
        "办件查询": reverse("cases:lookup"),
        "依申请公开": reverse("disclosure:apply", args=[county.code]),
        "办结公示": reverse("services:results"),
        "好差评公示": reverse("services:ratings"),
        "征集调查": county_column("interaction").url,
        "通知公告": county_column("notices").url,
    }


def test_every_entry_opens(client):
    for label, url in entries(client).items():
        assert client.get(url).status_code == 200, label


def test_an_entry_whose_service_the_site_lacks_is_left_out(client):
    ServiceIndexPage.objects.child_of(PortalHomePage.objects.get()).get().unpublish()
    assert "在线办事" not in entries(client)


def test_the_consultations_entry_follows_the_column_holding_the_newest_consultation(client):
    home = PortalHomePage.objects.get()
    column = new_column(home, "征集调查", "consultations", kind="other")
    today = timezone.localdate()
    draft = ConsultationPage(
        title="示范县公园管理规定（征求意见稿）",
        slug="park-rules",
        intro="征求意见。",
        opens_on=today,
        closes_on=today + timedelta(days=30),
    )
    column.add_child(instance=draft)
    draft.save_revision().publish()
    assert entries(client)["征集调查"] == column.url
