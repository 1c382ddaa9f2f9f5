"""A township officer writes an item, their leader approves it, the county editor edits it and
adopts it into 《政务信息》 第N期, the issue is signed off and downloaded as .docx, and the
township's leader finds the points on their own ranking page. Every screen axe-clean."""

import io

import pytest
from docx import Document

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.core.models import Role
from opencounty.submissions.models import BulletinIssue, Submission

pytestmark = pytest.mark.browser


def test_an_item_goes_from_a_township_to_a_signed_bulletin_and_scores(page, axe):
    persona("sj_officer", "T01", Role.INFORMATION_OFFICER)
    persona("sj_leader", "T01", Role.REVIEWER)
    persona("sj_editor", "001", Role.INFORMATION_OFFICER)
    persona("sj_signer", "001", Role.HEADLINE_REVIEWER)

    log_in(page, "sj_officer")
    page.goto("/admin/")
    page.get_by_role("link", name="政务信息报送").first.click()
    page.get_by_role("link", name="编写信息").click()
    assert axe(page) == []
    page.get_by_label("标题").fill("城关镇完成老旧小区改造")
    page.get_by_label("正文").fill("城关镇今年完成三个老旧小区改造。\n惠及居民八百余户。")
    page.get_by_label("类别").select_option(label="动态")
    with page.expect_navigation():
        page.get_by_role("button", name="保存并送审签").click()
    assert "信息已保存并送本单位领导审签" in page.content()
    item = Submission.objects.get(title="城关镇完成老旧小区改造")

    log_in(page, "sj_leader")
    page.goto("/admin/")
    waiting = page.locator("#my-todo tr", has_text="城关镇完成老旧小区改造")
    assert waiting.locator("td").nth(2).inner_text() == "审签"
    with page.expect_navigation():
        waiting.get_by_role("link").click()  # from 我的待办
    with page.expect_navigation():
        page.get_by_role("button", name="审签并报送").click()
    item.refresh_from_db()
    assert page.locator("#submission-number").inner_text() == item.reference

    log_in(page, "sj_editor")
    page.goto("/admin/submissions/bulletins/")
    page.get_by_label("刊物").select_option(label="政务信息")
    with page.expect_navigation():
        page.get_by_role("button", name="新建").click()
    issue = BulletinIssue.objects.get(bulletin="affairs")
    page.goto(f"/admin/submissions/{item.pk}/")
    assert axe(page) == []
    page.get_by_label("采用标题").fill("城关镇老旧小区改造惠及八百余户")
    with page.expect_navigation():
        page.get_by_role("button", name="保存采用稿").click()
    assert (
        page.locator("#submission-diff ins").first.inner_text() == "城关镇老旧小区改造惠及八百余户"
    )
    page.get_by_label("采用到").select_option(label=str(issue))
    with page.expect_navigation():
        page.get_by_role("button", name="采用", exact=True).click()
    assert page.locator("#submission-issue").inner_text().startswith(str(issue))

    log_in(page, "sj_signer")
    page.goto(f"/admin/submissions/bulletins/{issue.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="签发").click()
    assert "已签发" in page.content()
    assert axe(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 Word 文档").click()
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"{issue.year}年第{issue.number}期" in text
    assert "城关镇老旧小区改造惠及八百余户" in text and "惠及居民八百余户。" in text

    log_in(page, "sj_leader")
    page.goto("/admin/submissions/scores/")
    own = page.locator("#unit-ranking tr.own-unit")
    assert "城关镇" in own.inner_text() and "5.00" in own.inner_text()
    assert own.locator("td").first.inner_text() == "1"
    assert axe(page) == []
