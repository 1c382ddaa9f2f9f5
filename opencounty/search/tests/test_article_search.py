from datetime import timedelta

import pytest
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.portal.models import ArticlePage
from opencounty.portal.tests.helpers import column_of
from opencounty.search.query import search_articles
from opencounty.search.tests.helpers import publish, titles


@pytest.mark.django_db
def test_a_two_character_word_finds_the_article(django_capture_on_commit_callbacks):
    publish(
        column_of("T01"),
        "青苗补贴发放公示",
        "本镇青苗补贴已发放到户。",
        capture=django_capture_on_commit_callbacks,
    )
    assert "青苗补贴发放公示" in titles(search_articles("青苗"))


@pytest.mark.django_db
def test_a_four_character_word_finds_the_article(django_capture_on_commit_callbacks):
    publish(
        column_of("T01"),
        "关于秸秆禁烧的通告",
        "严禁露天焚烧秸秆，违者依法处理。",
        capture=django_capture_on_commit_callbacks,
    )
    assert "关于秸秆禁烧的通告" in titles(search_articles("秸秆禁烧"))
    assert "关于秸秆禁烧的通告" in titles(search_articles("露天焚烧"))


@pytest.mark.django_db
def test_a_word_only_in_an_attachment_title_finds_the_article(django_capture_on_commit_callbacks):
    publish(
        column_of("T01"),
        "关于开展入户调查的通知",
        "请各村按要求完成调查。",
        attachment_title="宅基地审批登记表",
        capture=django_capture_on_commit_callbacks,
    )
    assert titles(search_articles("宅基地")) == ["关于开展入户调查的通知"]


@pytest.mark.django_db
def test_filters_by_unit_and_date(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    publish(
        column_of("T01"), "城关镇菌菇产业发展", "菌菇产业带动增收。", days_ago=3, capture=capture
    )
    publish(
        column_of("T02"), "青石镇菌菇基地建成", "菌菇基地正式投产。", days_ago=40, capture=capture
    )
    assert len(search_articles("菌菇").ranked) == 2
    only_ours = search_articles("菌菇", unit=Unit.objects.get(code="T01"))
    assert titles(only_ours) == ["城关镇菌菇产业发展"]
    recent = search_articles("菌菇", date_from=(timezone.now() - timedelta(days=10)).date())
    assert titles(recent) == ["城关镇菌菇产业发展"]
    in_column = search_articles("菌菇", column=column_of("T02"))
    assert titles(in_column) == ["青石镇菌菇基地建成"]


@pytest.mark.django_db
def test_the_county_filter_leaves_out_sub_sites(django_capture_on_commit_callbacks):
    from opencounty.portal.tests.helpers import county_column

    capture = django_capture_on_commit_callbacks
    publish(county_column("news"), "县里部署蓝莓种植", "蓝莓种植推广。", capture=capture)
    publish(column_of("T01"), "城关镇蓝莓丰收", "蓝莓丰收。", capture=capture)
    county = search_articles("蓝莓", unit=Unit.objects.get(code="000"))
    assert titles(county) == ["县里部署蓝莓种植"]


@pytest.mark.django_db
def test_recent_items_rank_above_equally_relevant_old_ones(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    publish(column_of("T01"), "油茶种植技术培训", "油茶种植。", days_ago=600, capture=capture)
    publish(column_of("T02"), "油茶种植技术指导", "油茶种植。", days_ago=2, capture=capture)
    assert titles(search_articles("油茶")) == ["油茶种植技术指导", "油茶种植技术培训"]


@pytest.mark.django_db
def test_an_unpublished_page_is_never_found(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    article = publish(column_of("T01"), "枇杷采摘节开幕", "枇杷采摘节。", capture=capture)
    assert titles(search_articles("枇杷")) == ["枇杷采摘节开幕"]
    with capture(execute=True):
        article.unpublish()
    assert titles(search_articles("枇杷")) == []
    draft = ArticlePage(title="杨梅采摘（草稿）", body="<p>杨梅。</p>", live=False)
    with capture(execute=True):
        column_of("T01").add_child(instance=draft)
    assert titles(search_articles("杨梅")) == []


@pytest.mark.django_db
def test_the_search_page_highlights_terms_and_filters(client, django_capture_on_commit_callbacks):
    publish(
        column_of("T01"),
        "猕猴桃产业园招商公告",
        "猕猴桃产业园面向社会招商。",
        capture=django_capture_on_commit_callbacks,
    )
    response = client.get("/search/", {"q": "猕猴桃"})
    html = response.content.decode()
    assert "找到 1 条与“猕猴桃”相关的信息" in html
    assert "<mark>猕猴桃</mark>产业园招商公告" in html
    bad = client.get(
        "/search/", {"q": "猕猴桃", "date_from": "2026-05-01", "date_to": "2026-01-01"}
    )
    assert "起始日期不能晚于截止日期" in bad.content.decode()
    # The dates the visitor entered come back in the format a browser's date field accepts.
    assert 'value="2026-05-01"' in bad.content.decode()
