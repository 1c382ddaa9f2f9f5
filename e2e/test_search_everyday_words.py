"""A citizen on a phone searches 医保 and finds the 医疗保障 articles and the 医保 guides, in
site search and in the service hall; a search that finds nothing suggests the full terms."""

import re

import pytest

pytestmark = pytest.mark.browser

BLUE = "rgb(11, 74, 139)"


def _describe(violations):
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.fixture
def medical_pages(county):
    from opencounty.portal.tests.helpers import county_column
    from opencounty.search.common_synonyms import add_common_synonyms
    from opencounty.search.tests.helpers import guide, publish

    add_common_synonyms()  # a browser test's database is emptied after each test
    publish(county_column("news"), "全县医疗保障工作会议召开", "会议部署年度医疗保障重点任务。")
    return guide("D01", "T-YB-001", "城乡居民医疗保险参保登记", online_application=True)


def test_a_citizen_on_a_phone_finds_yibao_articles_and_guides(phone, axe, medical_pages):
    phone.goto("/")
    phone.get_by_label("全站搜索").fill("医保")
    phone.get_by_role("button", name="搜索").first.click()
    status = phone.get_by_role("status")
    assert re.search(r"找到 [1-9]\d* 条与“医保”相关的信息", status.inner_text())
    assert "已同时查找同义词：医疗保障、医疗保险" in phone.locator(".searched-as").inner_text()
    guide = phone.locator("li.guide-hit").filter(has_text="城乡居民医疗保险参保登记")
    tag = guide.locator(".hit-tag")
    assert tag.inner_text() == "办事指南"
    assert tag.evaluate("el => getComputedStyle(el).color") == BLUE
    assert tag.is_visible()
    assert phone.get_by_role("link", name="全县医疗保障工作会议召开").is_visible()
    assert phone.locator("mark", has_text="医疗保障").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    violations = axe(phone)
    assert violations == [], _describe(violations)
    with phone.expect_navigation():
        guide.get_by_role("link").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "城乡居民医疗保险参保登记"


def test_a_citizen_on_a_phone_finds_the_yibao_items_in_the_service_hall(phone, axe, medical_pages):
    from opencounty.services.tests.helpers import county_hall

    phone.goto(county_hall().url)
    phone.get_by_label("检索事项（名称、编码或部门）").fill("医保")
    phone.get_by_role("button", name="检索").click()
    assert "“医保”共找到 1 个事项" in phone.get_by_role("status").inner_text()
    assert phone.get_by_role("link", name="城乡居民医疗保险参保登记").is_visible()
    violations = axe(phone)
    assert violations == [], _describe(violations)


def test_a_search_that_finds_nothing_suggests_what_to_look_for(phone, axe, medical_pages):
    phone.goto("/search/?q=医保火星基地")
    assert "找到 0 条" in phone.get_by_role("status").inner_text()
    box = phone.get_by_role("region", name="您是不是要找")
    assert box.is_visible()
    assert box.get_by_role("link", name="医疗保障", exact=True).is_visible()
    assert box.get_by_role("link", name="城乡居民医疗保险参保登记").is_visible()
    violations = axe(phone)
    assert violations == [], _describe(violations)
    with phone.expect_navigation():
        box.get_by_role("link", name="医疗保障", exact=True).click()
    assert re.search(
        r"找到 [1-9]\d* 条与“医疗保障”相关的信息", phone.get_by_role("status").inner_text()
    )
