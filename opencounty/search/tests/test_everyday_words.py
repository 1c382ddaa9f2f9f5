"""Everyday words find what documents and guides call by their full names: 医保, 社保 and 低保
in site search and in the service hall's item search, exact matches first."""

import pytest

from opencounty.portal.tests.helpers import column_of, county_column
from opencounty.search.query import search_site
from opencounty.search.tests.helpers import guide, publish, titles
from opencounty.services.tests.helpers import county_hall

pytestmark = pytest.mark.django_db


@pytest.fixture
def medical(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    return {
        "says_yibao": publish(
            column_of("T01"),
            "城关镇医保缴费提醒",
            "请参保群众按时缴纳医保费用。",
            days_ago=300,
            capture=capture,
        ),
        "full_name": publish(
            county_column("news"),
            "全县医疗保障工作会议召开",
            "会议部署年度医疗保障重点任务。",
            days_ago=1,
            capture=capture,
        ),
        "insurance": publish(
            column_of("T02"),
            "青石镇开展医疗保险政策宣传",
            "宣传城乡居民医疗保险参保政策。",
            days_ago=5,
            capture=capture,
        ),
        "guide": guide(
            "D01",
            "T-YB-001",
            "城乡居民医疗保险参保登记",
            capture=capture,
            conditions="本县户籍未参加职工医疗保险的城乡居民。",
        ),
    }


def test_site_search_for_yibao_finds_the_medical_security_articles_and_the_guide(medical):
    found = titles(search_site("医保"))
    for key in ("says_yibao", "full_name", "insurance", "guide"):
        assert medical[key].title in found


def test_a_page_that_says_the_word_as_typed_ranks_above_the_synonyms_finds(medical):
    outcome = search_site("医保")
    found = titles(outcome)
    # The exact match is 300 days old and the synonym match one day old: exact still first.
    assert found.index("城关镇医保缴费提醒") < found.index("全县医疗保障工作会议召开")
    assert outcome.exact_count >= 1
    assert outcome.searched_as == ["医疗保障", "医疗保险"]


def test_a_full_term_also_finds_the_page_that_only_uses_the_abbreviation(medical):
    assert "城关镇医保缴费提醒" in titles(search_site("医疗保障"))


def test_the_synonyms_keep_the_other_words_of_the_query(medical):
    found = titles(search_site("医保 宣传"))
    assert found[0] == "青石镇开展医疗保险政策宣传"
    assert "全县医疗保障工作会议召开" not in found


def test_shebao_and_dibao_find_their_full_terms(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    publish(column_of("T01"), "社会保险费征缴通知", "按时缴纳社会保险费。", capture=capture)
    publish(column_of("T02"), "最低生活保障对象公示", "本月最低生活保障对象名单。", capture=capture)
    guide("D02", "T-DB-001", "最低生活保障申请", capture=capture)
    assert "社会保险费征缴通知" in titles(search_site("社保"))
    found = titles(search_site("低保"))
    assert "最低生活保障对象公示" in found
    assert "最低生活保障申请" in found


def test_the_results_page_labels_guides_and_links_to_them(client, medical):
    html = client.get("/search/", {"q": "医保"}).content.decode()
    item = medical["guide"]
    assert f'<span class="hit-tag">办事指南</span> <a href="{item.url}">' in html
    assert "已同时查找同义词：医疗保障、医疗保险" in html
    assert "<mark>医疗保障</mark>" in html


def test_guides_are_left_out_when_searching_one_column(medical):
    found = titles(search_site("医保", column=column_of("T01")))
    assert found == ["城关镇医保缴费提醒"]


def test_the_unit_filter_keeps_the_guides_of_that_department(medical):
    from opencounty.core.models import Unit

    assert "城乡居民医疗保险参保登记" in titles(
        search_site("医保", unit=Unit.objects.get(code="D01"))
    )
    assert "城乡居民医疗保险参保登记" not in titles(
        search_site("医保", unit=Unit.objects.get(code="T01"))
    )


# -- the service hall's item search --------------------------------------------------------


@pytest.fixture
def items(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    return [
        guide("D01", "T-YB-101", "城乡居民医疗保险参保登记", capture=capture),
        guide("D01", "T-YB-102", "医保电子凭证激活", capture=capture),
        guide("D02", "T-SB-101", "社会保险关系转移", capture=capture),
        guide("D02", "T-DB-101", "最低生活保障申请", capture=capture),
        guide("D02", "T-XX-101", "测试学籍变更", capture=capture),
    ]


def hall_search(client, query: str) -> str:
    response = client.get(county_hall().url + "search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_the_hall_finds_the_yibao_items_the_exact_one_first(client, items):
    html = hall_search(client, "医保")
    assert "“医保”共找到 2 个事项" in html
    assert html.index("医保电子凭证激活") < html.index("城乡居民医疗保险参保登记")
    assert "测试学籍变更" not in html


def test_the_hall_finds_the_shebao_and_dibao_items(client, items):
    assert "社会保险关系转移" in hall_search(client, "社保")
    assert "最低生活保障申请" in hall_search(client, "低保")
    assert "最低生活保障申请" in hall_search(client, "低保怎么申请")


def test_the_hall_still_finds_an_item_by_its_code(client, items):
    html = hall_search(client, "t-db-101")
    assert "最低生活保障申请" in html and "共找到 1 个事项" in html
