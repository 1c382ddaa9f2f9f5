"""New pages get short pinyin slugs instead of percent-encoded Chinese; old pages keep theirs."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from opencounty.portal.models import ArticlePage
from opencounty.portal.slugs import readable_slug
from opencounty.portal.tests.helpers import column_of, draft_article


def _new_article(client, column, title: str, slug: str = "") -> ArticlePage:
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "source": "",
            "provider": "",
            "summary": "",
            "body": rich_text("<p>正文。</p>"),
            "attachments": inline_formset([]),
            "catalogue": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(f"/admin/pages/add/portal/articlepage/{column.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ArticlePage.objects.child_of(column).filter(title=title).latest("pk")


def test_a_title_becomes_its_pinyin_words_cut_at_a_word_within_fifty_characters():
    assert readable_slug("政务动态") == "zhengwu-dongtai"
    assert readable_slug("示范县城关镇") == "shifanxian-chengguanzhen"
    slug = readable_slug("关于做好2026年老旧小区改造工作和城镇燃气管道更新工作的补充通知")
    assert slug.startswith("guanyu-zuohao-2026")
    assert len(slug) <= 50 and slug.isascii() and not slug.endswith("-")


def test_a_title_without_any_letter_or_sound_still_gets_a_slug():
    assert readable_slug("！？……") == "yemian"


@pytest.mark.django_db
def test_an_officers_new_article_gets_a_short_pinyin_slug(client, chengguan_officer):
    client.force_login(chengguan_officer)
    article = _new_article(client, column_of("T01"), "关于做好2026年老旧小区改造工作的通知")
    assert article.slug.isascii()
    assert article.slug.startswith("guanyu-zuohao-2026")
    assert "%" not in article.url_path and len(article.slug) <= 50


@pytest.mark.django_db
def test_the_ascii_left_of_a_chinese_title_by_the_editors_script_is_replaced(
    client, chengguan_officer
):
    client.force_login(chengguan_officer)
    article = _new_article(client, column_of("T01"), "2026年春节值班安排", slug="2026")
    assert article.slug == readable_slug("2026年春节值班安排")


@pytest.mark.django_db
def test_a_second_article_with_the_same_title_gets_a_numbered_slug(client, chengguan_officer):
    client.force_login(chengguan_officer)
    first = _new_article(client, column_of("T01"), "城关镇召开安全生产会议")
    second = _new_article(client, column_of("T01"), "城关镇召开安全生产会议")
    assert second.slug == f"{first.slug}-2"


@pytest.mark.django_db
def test_a_slug_the_officer_chose_is_kept(client, chengguan_officer):
    client.force_login(chengguan_officer)
    article = _new_article(client, column_of("T01"), "春节值班安排", slug="chunjie-zhiban")
    assert article.slug == "chunjie-zhiban"


@pytest.mark.django_db
def test_an_existing_page_keeps_its_chinese_slug_when_edited(client, chengguan_officer):
    article = draft_article(column_of("T01"), chengguan_officer, "旧稿件")
    ArticlePage.objects.filter(pk=article.pk).update(slug="旧稿件")
    client.force_login(chengguan_officer)
    data = nested_form_data(
        {
            "title": "旧稿件（修改）",
            "slug": "旧稿件",
            "source": "",
            "provider": "",
            "summary": "",
            "body": rich_text("<p>正文。</p>"),
            "attachments": inline_formset([]),
            "catalogue": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.slug == "旧稿件"
    assert article.get_latest_revision_as_object().title == "旧稿件（修改）"
