"""您是不是要找: a search that finds nothing or little offers the full terms of the synonym
table and titles matching part of the query."""

import pytest

from opencounty.portal.tests.helpers import county_column
from opencounty.search import synonyms
from opencounty.search.suggestions import table_terms
from opencounty.search.tests.helpers import guide, publish
from opencounty.services.tests.helpers import apply_for, county_hall, live_item

pytestmark = pytest.mark.django_db


def suggestion_box(html: str) -> str:
    start = html.index('<section class="did-you-mean"')
    return html[start : html.index("</section>", start)]


def test_a_site_search_that_finds_nothing_suggests_full_terms_and_titles(
    client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    publish(
        county_column("news"), "全县医疗保障工作会议召开", "部署医疗保障工作。", capture=capture
    )
    guide("D01", "T-YB-001", "城乡居民医疗保险参保登记", capture=capture)
    html = client.get("/search/", {"q": "医保火星基地"}).content.decode()
    assert "找到 0 条与“医保火星基地”相关的信息" in html
    box = suggestion_box(html)
    assert '<h2 id="did-you-mean-heading">您是不是要找</h2>' in box
    assert '<a href="/search/?q=%E5%8C%BB%E7%96%97%E4%BF%9D%E9%9A%9C">医疗保障</a>' in box
    assert ">医疗保险</a>" in box
    assert box.index("城乡居民医疗保险参保登记") < box.index("全县医疗保障工作会议召开"), (
        "guides first"
    )


def test_a_search_with_results_enough_suggests_nothing(client, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    for n in range(3):
        publish(county_column("news"), f"蓝莓种植技术第{n}讲", "蓝莓种植。", capture=capture)
    assert "您是不是要找" not in client.get("/search/", {"q": "蓝莓"}).content.decode()


def test_a_word_that_is_part_of_a_full_term_suggests_the_entry():
    table = synonyms.Table.of([synonyms.Entry("低保", ("最低生活保障",), True)])
    assert table_terms(synonyms.rewrite("最低生活", table), table) == ["最低生活保障", "低保"]


def test_the_hall_suggests_the_items_applied_for_most_and_not_those_listed(client):
    popular = live_item("D01", code="T-YB-201", title="职工医疗保险关系转移")
    apply_for(popular)
    apply_for(popular)
    live_item("D01", code="T-YB-202", title="医疗保险待遇申领")
    listed = live_item("D02", code="T-YB-203", title="城乡居民医疗保险参保登记")
    html = client.get(county_hall().url + "search/", {"q": "城乡居民医疗保险"}).content.decode()
    assert "共找到 1 个事项" in html
    box = suggestion_box(html)
    assert box.index("职工医疗保险关系转移") < box.index("医疗保险待遇申领")
    assert listed.title not in box


def test_the_hall_suggests_full_terms_when_nothing_is_found(client):
    html = client.get(county_hall().url + "search/", {"q": "低保火星"}).content.decode()
    assert "共找到 0 个事项" in html
    assert ">最低生活保障</a>" in html
    assert 'href="/services/search/?q=' in html
