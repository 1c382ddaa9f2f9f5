"""政策解读 and its policy document link to each other; the link is edited and reviewed with the page."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from opencounty.portal.models import ArticlePage
from opencounty.portal.tests.helpers import act, county_column, published_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy():
    return published_article(county_column("policies"), "示范县城区停车管理办法")


def test_an_interpretation_and_its_policy_link_to_each_other(client, policy):
    interpretation = published_article(
        county_column("interpretations"), "《示范县城区停车管理办法》政策解读", interprets=policy
    )
    html = client.get(interpretation.url).content.decode()
    assert f'解读的政策文件：<a href="{policy.url}">示范县城区停车管理办法</a>' in html
    html = client.get(policy.url).content.decode()
    listed = html[html.index('<section class="interpretations"') :]
    assert f'<a href="{interpretation.url}">《示范县城区停车管理办法》政策解读</a>' in listed


def test_only_published_pages_are_linked(client, policy):
    column = county_column("interpretations")
    draft = ArticlePage(title="未发布的解读", body="<p>草稿。</p>", live=False, interprets=policy)
    column.add_child(instance=draft)
    withdrawn = published_article(column, "已撤下的解读", interprets=policy)
    withdrawn.unpublish()
    assert 'class="interpretations"' not in client.get(policy.url).content.decode()

    shown = published_article(column, "仍在的解读", interprets=policy)
    policy.unpublish()
    assert "解读的政策文件" not in client.get(shown.url).content.decode()


def editor_form(title: str, slug: str, policy_id: int | None) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "body": rich_text("<p>解读正文。</p>"),
            "interprets": policy_id or "",
            "attachments": inline_formset([]),
            "catalogue": inline_formset([]),
            "action-submit": "submit",
        }
    )


def test_an_officer_links_an_interpretation_in_the_editor_and_it_is_reviewed_with_the_page(
    client,
    policy,
    county_officer,
    county_reviewer,
    office_headline_reviewer,
    django_capture_on_commit_callbacks,
):
    column = county_column("interpretations")
    client.force_login(county_officer)
    add = f"/admin/pages/add/portal/articlepage/{column.pk}/"
    assert "解读的政策文件" in client.get(add).content.decode()
    response = client.post(add, editor_form("停车管理办法解读", "parking-explained", policy.pk))
    assert response.status_code == 302
    explained = ArticlePage.objects.get(slug="parking-explained")
    assert explained.get_latest_revision_as_object().interprets_id == policy.pk
    assert "停车管理办法解读" not in client.get(policy.url).content.decode(), "not yet reviewed"

    act(explained, county_reviewer, "approve")
    act(explained, office_headline_reviewer, "approve")
    assert (
        f'<a href="{explained.url}">停车管理办法解读</a>' in client.get(policy.url).content.decode()
    )

    # A changed link is a change of the page: the public sees it only once it is approved.
    other = published_article(column.get_parent().get_children().get(slug="policies"), "另一文件")
    edit = f"/admin/pages/{explained.pk}/edit/"
    client.post(edit, editor_form("停车管理办法解读", "parking-explained", other.pk))
    client.logout()
    assert "另一文件" not in client.get(explained.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        act(explained, county_reviewer, "approve")
        act(explained, office_headline_reviewer, "approve")
    html = client.get(explained.url).content.decode()
    assert f'解读的政策文件：<a href="{other.url}">另一文件</a>' in html


def test_the_editor_refuses_a_link_outside_an_interpretation_column(client, policy, county_officer):
    client.force_login(county_officer)
    news = county_column("news")
    response = client.post(
        f"/admin/pages/add/portal/articlepage/{news.pk}/",
        editor_form("新闻稿", "news-with-link", policy.pk),
    )
    assert "只有政策解读栏目中的稿件可以关联被解读的政策文件。" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="news-with-link").exists()


def test_the_editor_refuses_a_link_to_something_that_is_not_a_policy_document(
    client, county_officer
):
    client.force_login(county_officer)
    news_item = published_article(county_column("news"), "一条新闻")
    response = client.post(
        f"/admin/pages/add/portal/articlepage/{county_column('interpretations').pk}/",
        editor_form("解读一条新闻", "explains-news", news_item.pk),
    )
    assert "请选择政策文件栏目中的文件。" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="explains-news").exists()
