"""网站地图: an HTML page of every column and sub-site, and sitemap.xml on the real host."""

import re

import pytest
from wagtail.models import Site

from opencounty.core.models import Unit
from opencounty.portal.models import ArticlePage, ColumnPage, PortalHomePage

pytestmark = pytest.mark.django_db


def test_the_site_map_lists_the_portals_columns_and_every_sub_site_with_its_columns(client):
    html = client.get("/sitemap/").content.decode()
    home = PortalHomePage.objects.get()
    for column in ColumnPage.objects.child_of(home).live():
        assert f'<a href="{column.url}">{column.title}</a>' in html
    units = Unit.objects.filter(kind__in=["department", "township"])
    assert units.count() == 4
    for unit in units:
        site = unit.root_page
        assert f'<a href="{site.url}">{site.title}</a>' in html
        for column in site.get_children().live().filter(show_in_menus=True):
            assert f'<a href="{column.url}">{column.title}</a>' in html
    assert "<h2" in html and "部门子站" in html and "乡镇（街道）子站" in html


def test_the_site_map_lists_no_articles(client):
    html = client.get("/sitemap/").content.decode()
    for article in ArticlePage.objects.live()[:40]:
        assert f'href="{article.url}"' not in html


def test_the_site_map_leads_to_the_services_too(client):
    html = client.get("/sitemap/").content.decode()
    for label in ("在线办事", "我要写信", "办件查询", "办结公示", "好差评公示"):
        assert f">{label}</a>" in html


def test_every_page_footer_links_the_html_site_map(client):
    column = ColumnPage.objects.live().first()
    for url in ("/", column.url, "/cases/lookup/"):
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert '<a href="/sitemap/">网站地图</a>' in footer


def test_sitemap_xml_gives_addresses_on_the_host_the_request_came_to(client, settings):
    settings.ALLOWED_HOSTS = ["www.shifan.gov.cn"]
    xml = client.get("/sitemap.xml", HTTP_HOST="www.shifan.gov.cn", secure=True).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert "https://www.shifan.gov.cn/" in locations
    assert "https://www.shifan.gov.cn/news/" in locations
    assert all(loc.startswith("https://www.shifan.gov.cn/") for loc in locations)
    assert "localhost" not in xml


def test_a_forged_host_gets_no_sitemap(client):
    response = client.get("/sitemap.xml", HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_a_sub_site_on_its_own_host_has_a_site_map_of_its_own(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    unit = Unit.objects.get(code="D01")
    Site.objects.create(hostname="fgj.example.org", port=80, root_page=unit.root_page)
    html = client.get("/sitemap/", HTTP_HOST="fgj.example.org").content.decode()
    assert f'<h2 id="map-columns"><a href="/">{unit.root_page.title}</a></h2>' in html
    assert '<a href="/news/">工作动态</a>' in html
    assert "乡镇（街道）子站" not in html
    xml = client.get("/sitemap.xml", HTTP_HOST="fgj.example.org").content.decode()
    assert "<loc>http://fgj.example.org/news/</loc>" in xml
