"""A column lists what it holds; 本栏目暂无信息 only when it holds nothing."""

import pytest
from wagtail.models import Page

from opencounty.portal.models import LeaderPage
from opencounty.portal.tests.helpers import county_column, new_column

pytestmark = pytest.mark.django_db


def test_the_leaders_column_lists_its_leaders_in_order_without_saying_it_is_empty(client):
    column = county_column("leaders")
    leaders = sorted(LeaderPage.objects.child_of(column).live(), key=lambda p: (p.order, p.path))
    assert leaders, "the demo county has leaders"
    html = client.get(column.url).content.decode()
    assert "暂无信息" not in html
    positions = [html.index(f'<a href="{leader.url}">{leader.name}</a>') for leader in leaders]
    assert positions == sorted(positions)
    assert f'<span class="position">{leaders[0].position}</span>' in html


def test_the_organisation_column_lists_the_organisation_page_without_saying_it_is_empty(client):
    column = county_column("organisation")
    organisation = Page.objects.child_of(column).live().get()
    html = client.get(column.url).content.decode()
    assert f'<a href="{organisation.url}">{organisation.title}</a>' in html
    assert "暂无信息" not in html


def test_a_column_with_only_sub_columns_lists_them_without_saying_it_is_empty(client):
    parent = new_column(county_column("news").get_parent(), "专项工作", "special-work")
    child = new_column(parent, "专项动态", "special-news")
    html = client.get(parent.url).content.decode()
    assert f'<a href="{child.url}">专项动态</a>' in html
    assert "暂无信息" not in html


def test_an_empty_column_says_so(client):
    html = client.get(new_column(county_column("news").get_parent(), "空栏目", "empty").url)
    assert "本栏目暂无信息" in html.content.decode()
