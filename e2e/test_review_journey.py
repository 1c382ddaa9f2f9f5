import re

import pytest
from django.contrib.auth import get_user_model

from conftest import PASSWORD, persona
from opencounty.core.models import Role
from opencounty.portal.models import ArticlePage, PublicationRecord
from opencounty.portal.tests.helpers import column_of

pytestmark = pytest.mark.browser


def answer_captcha(page) -> None:
    """Read the login page's question and type the sum, as a person does."""
    from opencounty.core.captcha import NUMBERS

    question = page.locator("label[for=id_captcha_answer]").inner_text()
    a, b = re.search(r"请计算：(\S) 加 (\S) 等于多少", question).groups()
    page.fill("#id_captcha_answer", str(NUMBERS.index(a) + NUMBERS.index(b)))


def log_in(page, username: str) -> None:
    # The last step's navigation (a submit and its redirect) may still be on its way: its
    # response sets the old user's session cookie after the cookies were cleared, and the login
    # page then sends that user on to /admin/ (seen twice on a loaded machine). Let it finish,
    # then clear; if the old user is still there, clear and ask again.
    page.wait_for_load_state("networkidle")
    for _attempt in range(3):
        page.context.clear_cookies()
        page.goto("/admin/login/")
        if page.locator("#id_username").count():
            break
        page.wait_for_load_state("networkidle")
    assert page.locator("#id_username").count(), f"no login form at {page.url}"
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    answer_captcha(page)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    assert "/admin/login/" not in page.url, "login failed"


def open_action_menu(page) -> None:
    page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target='toggle']").last.click()


def test_an_officer_writes_a_reviewer_rejects_then_approves_and_the_public_sees_it(page):
    persona("cg_officer", "T01", Role.INFORMATION_OFFICER)
    persona("cg_reviewer", "T01", Role.REVIEWER)
    column = column_of("T01")
    title = "城关镇开展冬季消防安全检查"

    log_in(page, "cg_officer")
    page.goto(f"/admin/pages/add/portal/articlepage/{column.pk}/")
    page.fill("#id_title", title)
    page.get_by_role("tab", name="推荐").click()
    page.fill("#id_slug", "winter-fire-check")
    page.get_by_role("tab", name="内容").click()
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("城关镇对辖区商户开展冬季消防安全检查。")
    page.wait_for_timeout(500)
    open_action_menu(page)
    with page.expect_navigation():
        page.locator("button[name=action-submit]").click()
    article = ArticlePage.objects.get(title=title)
    assert not article.live
    page.goto(article.url_path and column.url)
    assert title not in page.content(), "nothing unreviewed is public"

    log_in(page, "cg_reviewer")
    page.goto(f"/admin/pages/{article.pk}/edit/")
    open_action_menu(page)
    page.get_by_role("button", name="退回修改").click()
    page.locator("textarea[name=comment]").fill("请写明检查发现的问题数量")
    with page.expect_navigation():
        page.locator("form:has(textarea[name=comment]) button[type=submit]").click()
    article.refresh_from_db()
    assert not article.live

    log_in(page, "cg_officer")
    page.goto(f"/admin/pages/{article.pk}/edit/")
    assert "请写明检查发现的问题数量" in page.content()
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.press("End")
    page.keyboard.type("共发现问题5处，均已整改。")
    page.wait_for_timeout(1500)
    open_action_menu(page)
    with page.expect_navigation():
        page.locator("button[name=action-submit]").click()

    log_in(page, "cg_reviewer")
    page.goto(f"/admin/pages/{article.pk}/edit/")
    open_action_menu(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^审核通过\s*和发布$")).click()
    article.refresh_from_db()
    assert article.live

    page.context.clear_cookies()
    page.goto(column.url)
    page.get_by_role("link", name=title).click()
    assert "共发现问题5处" in page.content()
    record = PublicationRecord.objects.get(page=article)
    user = get_user_model().objects.get
    assert record.provided_by == user(username="cg_officer")
    assert record.reviewed_by == user(username="cg_reviewer")
    assert "审核：cg_reviewer" in page.locator(".responsibility").inner_text().replace(" ", "")
