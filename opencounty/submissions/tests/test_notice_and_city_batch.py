"""The office's files from the figures: the draft 通报, the batch for the city and the 大事记."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from opencounty.submissions.tests.test_scores_follow_the_rule_table import RULES, figures  # noqa: F401

pytestmark = pytest.mark.django_db
YEAR = "?kind=year&year=2026"


def paragraphs(response) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


def test_the_notice_names_the_best_units_and_those_behind_their_target(client, figures, dispatcher):  # noqa: F811
    client.force_login(dispatcher)
    text = paragraphs(client.get(f"/admin/submissions/scores/notice.docx{YEAR}"))
    assert "关于2026年政务信息报送工作情况的通报" in text
    assert "全县共报送政务信息4条，县级刊物采用2条，被上级采用2条，获领导批示1条" in text
    assert "示范县城关镇（39.00分）、示范县青石镇（12.00分）。" in text
    behind = text.split("二、未完成目标任务的单位")[1].split("三、")[0]
    assert "示范县青石镇（12.00分，目标24.00分）" in behind and "城关镇" not in behind


def test_the_city_gets_the_adopted_items_as_word_and_excel(client, figures, dispatcher):  # noqa: F811
    client.force_login(dispatcher)
    text = paragraphs(client.get(f"/admin/submissions/upward/batch.docx{YEAR}"))
    assert "1. 甲" in text and "2. 丙" in text and "乙" not in text  # 乙 is merged into 丙
    sheet = load_workbook(
        io.BytesIO(client.get(f"/admin/submissions/upward/batch.xlsx{YEAR}").content)
    ).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [(row[2], row[7]) for row in rows] == [("甲", "市级采用、领导批示"), ("丙", "省级采用")]


def test_units_get_no_batch_nor_notice(client, figures, chengguan_reviewer):  # noqa: F811
    client.force_login(chengguan_reviewer)
    for url in ("scores/notice.docx", "upward/batch.docx", "upward/batch.xlsx"):
        response = client.get(f"/admin/submissions/{url}{YEAR}")
        assert "officedocument" not in response.get("Content-Type", "")


def test_the_chronicle_lists_adopted_items_by_month(client, figures, dispatcher):  # noqa: F811
    client.force_login(dispatcher)
    page = client.get(f"/admin/submissions/chronicle/{YEAR}").content.decode()
    assert "2026年大事记" in page and "3月" in page and "3月9日" in page and "丙" in page


def test_the_notice_goes_to_the_portal_through_review(
    client,
    figures,  # noqa: F811
    dispatcher,
    county_reviewer,
    office_headline_reviewer,
):
    from opencounty.core.models import AuditEntry
    from opencounty.portal.models import ArticlePage
    from opencounty.portal.tests.helpers import act
    from opencounty.submissions.actions import notice_column

    client.force_login(dispatcher)
    response = client.post(f"/admin/submissions/scores/notice-article/{YEAR}")
    article = ArticlePage.objects.get(title="关于2026年政务信息报送工作情况的通报")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/pages/{article.pk}/edit/"
    )
    # Not public until a reviewer approves it: a draft under the portal's 通知公告, in review.
    assert article.get_parent().pk == notice_column().pk
    assert not article.live and article.workflow_in_progress
    assert (
        "全县共报送政务信息4条" in article.body
        and "<h3>二、未完成目标任务的单位</h3>" in article.body
    )
    assert AuditEntry.objects.filter(action="submissions.notice_article").count() == 1
    # A second click while it is in review opens the same draft.
    client.post(f"/admin/submissions/scores/notice-article/{YEAR}")
    assert ArticlePage.objects.filter(title=article.title).count() == 1
    act(article, county_reviewer, "approve")
    act(article, office_headline_reviewer, "approve")  # 通知公告 is a headline column
    assert ArticlePage.objects.get(pk=article.pk).live


def test_units_cannot_publish_the_notice(client, figures, chengguan_reviewer):  # noqa: F811
    from opencounty.portal.models import ArticlePage

    client.force_login(chengguan_reviewer)
    response = client.post(f"/admin/submissions/scores/notice-article/{YEAR}")
    assert response.status_code in (302, 403)
    assert not ArticlePage.objects.filter(title__contains="政务信息报送工作情况的通报").exists()
    assert client.get(f"/admin/submissions/scores/notice-article/{YEAR}").status_code == 405
