"""The public browses the county's hall by department, life event and topic, and searches it;
only live items are ever listed."""

import pytest

from opencounty.core.models import Unit
from opencounty.services.tests.helpers import county_hall, hall_of, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    return {
        "birth": make_item(
            "D01", "T-D01-001", "测试新生儿落户", life_events=["birth"], enterprise_topics=[]
        ),
        "draft": make_item(
            "D01",
            "T-D01-002",
            "测试草稿事项",
            live=False,
            life_events=["birth"],
            enterprise_topics=["opening"],
        ),
        "opening": make_item(
            "D02", "T-D02-001", "测试民办学校设立", life_events=[], enterprise_topics=["opening"]
        ),
    }


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_county_hall_counts_each_departments_live_items(client, items):
    hall = county_hall()
    page = html(client, hall.url)
    for code in ("D01", "D02"):
        unit = Unit.objects.get(code=code)
        live = unit.service_items.live().count()
        assert f'department/{code}/">{unit.short_name}</a>（{live} 项）' in page
    assert Unit.objects.get(code="D01").service_items.not_live().exists()


def test_a_department_list_shows_its_live_items_and_never_drafts(client, items):
    page = html(client, county_hall().url + "department/D01/")
    assert "测试新生儿落户" in page
    assert "测试草稿事项" not in page
    assert "测试民办学校设立" not in page


def test_browsing_by_life_event_shows_the_live_items_of_that_event(client, items):
    hall = county_hall()
    events = html(client, hall.url + "life-events/")
    assert 'life-events/birth/">生育收养</a>' in events
    page = html(client, hall.url + "life-events/birth/")
    assert "测试新生儿落户" in page
    assert "测试草稿事项" not in page
    assert "测试民办学校设立" not in page
    assert "测试新生儿落户" not in html(client, hall.url + "life-events/death/")


def test_browsing_by_enterprise_topic_shows_the_live_items_of_that_topic(client, items):
    hall = county_hall()
    assert 'topics/opening/">设立变更</a>' in html(client, hall.url + "topics/")
    page = html(client, hall.url + "topics/opening/")
    assert "测试民办学校设立" in page
    assert "测试草稿事项" not in page
    assert "测试新生儿落户" not in page


def test_an_unknown_theme_or_department_is_not_found(client, items):
    hall = county_hall()
    assert client.get(hall.url + "life-events/lottery/").status_code == 404
    assert client.get(hall.url + "department/X99/").status_code == 404


def test_search_finds_live_items_by_title_or_code_and_never_drafts(client, items):
    hall = county_hall()
    by_title = html(client, hall.url + "search/?q=新生儿")
    assert "测试新生儿落户" in by_title and "共找到 1 个事项" in by_title
    assert "测试民办学校设立" in html(client, hall.url + "search/?q=t-d02-001")
    assert "测试草稿事项" not in html(client, hall.url + "search/?q=测试草稿")
    assert "请输入事项名称" in html(client, hall.url + "search/?q=")


def test_a_departments_hall_lists_only_its_own_live_items(client, items):
    page = html(client, hall_of(Unit.objects.get(code="D02")).url)
    assert "测试民办学校设立" in page
    assert "测试新生儿落户" not in page
    assert "测试草稿事项" not in page
