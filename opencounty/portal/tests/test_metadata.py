"""Web-page metadata by page type: articles carry ArticleTitle and PubDate, columns and the home
page carry the column set (ColumnDescription, ColumnKeywords) and no ArticleTitle or PubDate."""

import re
from datetime import UTC, datetime

import pytest

from opencounty.core.models import Unit
from opencounty.disclosure import catalogue as c
from opencounty.disclosure.models import CatalogueRecord
from opencounty.portal.models import ArticlePage, ColumnPage, OrganisationPage
from opencounty.portal.tests.helpers import county_column, published_article
from opencounty.services.models import ServiceIndexPage, ServiceItemPage

pytestmark = pytest.mark.django_db

SITE = {
    "SiteName": "示范县人民政府门户网站",
    "SiteDomain": "testserver",
    "SiteIDCode": "0000000000",
}
ARTICLE_ONLY = {"ArticleTitle", "PubDate", "ContentSource", "Keywords", "Description"}
COLUMN_ONLY = {"ColumnDescription", "ColumnKeywords"}


def metadata(client, url: str) -> dict[str, str]:
    html = client.get(url).content.decode()
    head = html[: html.index("</head>")]
    pairs = re.findall(r'<meta name="([A-Z]\w+)" content="([^"]*)">', head)
    names = [name for name, _ in pairs]
    assert len(names) == len(set(names)), f"{url}: a tag twice in {names}"
    return dict(pairs)


def assert_column_page(tags: dict[str, str], name: str, column_type: str) -> None:
    assert {k: tags[k] for k in SITE} == SITE
    assert tags["ColumnName"] == name
    assert tags["ColumnType"] == column_type
    assert tags["ColumnDescription"] and name in tags["ColumnKeywords"]
    assert not ARTICLE_ONLY & tags.keys()


def test_an_article_carries_the_article_set_with_its_column_and_time_to_the_minute(client):
    column = county_column("news")
    at = datetime(2026, 3, 2, 1, 5, tzinfo=UTC)
    article = published_article(
        column, "示范县召开春耕生产会议", at, summary="部署春耕生产工作。", keywords="春耕、农业"
    )
    tags = metadata(client, article.url)
    assert {k: tags[k] for k in SITE} == SITE
    assert tags["ColumnName"] == "政务动态" and tags["ColumnType"] == "动态"
    assert tags["ArticleTitle"] == "示范县召开春耕生产会议"
    assert tags["PubDate"] == "2026-03-02 09:05", "shown in Beijing time"
    assert tags["ContentSource"] == "示范县人民政府"
    assert tags["Keywords"] == "春耕,农业"
    assert tags["Description"] == "部署春耕生产工作。"
    assert not COLUMN_ONLY & tags.keys()


def test_an_article_without_keywords_or_summary_takes_them_from_its_column_and_body(client):
    article = published_article(county_column("notices"), "停水通知", body="<p>明日停水。</p>")
    tags = metadata(client, article.url)
    assert tags["Keywords"] == "通知公告,示范县人民政府"
    assert tags["Description"] == "明日停水。"


def test_the_description_of_information_not_disclosed_never_shows_its_content(client):
    article = ArticlePage(title="内部管理文件", body="<p>不公开的正文内容。</p>", live=False)
    article.catalogue = [
        CatalogueRecord(
            subject=c.Subject.GENERAL,
            statutory_category="a20_01",
            genre=c.Genre.NOTICE,
            made_on=datetime(2026, 3, 2).date(),
            disclosure_mode=c.DisclosureMode.NOT_DISCLOSED,
            not_disclosed_reason="内部事务信息",
        )
    ]
    county_column("policies").add_child(instance=article)
    article.save_revision().publish()
    tags = metadata(client, article.url)
    assert tags["Description"] == "内部管理文件"
    assert "综合政务" in tags["Keywords"], "the catalogue's subject is a keyword"


def test_a_column_carries_the_column_set_and_no_article_title_or_date(client):
    column = county_column("policies")
    assert_column_page(metadata(client, column.url), "政策文件", "政策文件")


def test_the_home_page_carries_the_column_set_as_首页(client):
    tags = metadata(client, "/")
    assert_column_page(tags, "首页", "首页")
    assert tags["ColumnDescription"] == "示范县是一个虚构的县，本站全部内容均为演示数据。"


def test_the_service_hall_is_a_column_and_a_guide_is_an_article(client):
    hall = ServiceIndexPage.objects.live().order_by("depth").first()
    assert_column_page(metadata(client, hall.url), hall.title, "办事服务")
    guide = ServiceItemPage.objects.live().child_of(hall).first() or (
        ServiceItemPage.objects.live().first()
    )
    tags = metadata(client, guide.url)
    assert tags["ArticleTitle"] == guide.title
    assert tags["ColumnName"] == guide.get_parent().title
    assert not COLUMN_ONLY & tags.keys()


def test_a_sub_sites_home_and_columns_are_columns_and_its_organisation_page_its_own_column(
    client,
):
    unit = Unit.objects.get(code="T01")
    assert_column_page(metadata(client, unit.root_page.url), unit.name, "单位子站")
    notices = ColumnPage.objects.child_of(unit.root_page).get(kind="notice")
    assert_column_page(metadata(client, notices.url), notices.title, "通知公告")
    organisation = OrganisationPage.objects.child_of(unit.root_page).get()
    tags = metadata(client, organisation.url)
    assert tags["ColumnName"] == organisation.title and tags["ColumnType"] == "机构职能"
    assert tags["ContentSource"] == unit.name


@pytest.mark.parametrize(
    ("url", "name", "column_type"),
    [
        ("/cases/lookup/", "办件查询", "办件查询"),
        ("/services/results/", "办结公示", "办事服务"),
        ("/services/ratings/", "好差评公示", "办事服务"),
        ("/sitemap/", "网站地图", "网站地图"),
    ],
)
def test_function_pages_outside_the_page_tree_are_columns(client, url, name, column_type):
    assert_column_page(metadata(client, url), name, column_type)
