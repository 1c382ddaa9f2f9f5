import re

import pytest
from django.utils import timezone

from conftest import persona
from e2e.test_disclosure_journey import assert_accessible, shown_as
from e2e.test_review_journey import log_in
from opencounty.core.captcha import NUMBERS
from opencounty.core.models import Role, Unit
from opencounty.interaction.models import ErrorReport
from opencounty.portal.models import ArticlePage
from opencounty.portal.tests.helpers import act, submit

pytestmark = pytest.mark.browser

DESCRIPTION = "正文第二段的联系电话少了一位数字，请核对。"


def solve(question: str) -> str:
    a, b = re.search(r"：(\S) 加 (\S) 等于", question).groups()
    return str(NUMBERS.index(a) + NUMBERS.index(b))


def correct_and_publish(article: ArticlePage, officer, reviewer):
    """The officer corrects the article and submits it; the reviewer approves and publishes it."""
    article = article.specific
    article.refresh_from_db()
    article.body = f"{article.body}<p>联系电话：0000-6000001。</p>"
    article.save_revision(user=officer)
    submit(article, officer)
    act(article, reviewer, "approve")
    article.refresh_from_db()
    return article.live_revision


def test_a_citizen_reports_an_error_the_unit_fixes_it_and_the_citizen_sees_it(
    phone, page, axe, live_server
):
    unit = Unit.objects.get(code="T01")
    officer = persona("cg_info", "T01", Role.INFORMATION_OFFICER)
    reviewer = persona("cg_check", "T01", Role.REVIEWER)
    article = ArticlePage.objects.live().filter(path__startswith=unit.root_page.path).first()
    citizen = phone

    citizen.goto(article.url)
    with citizen.expect_navigation():
        citizen.get_by_role("link", name="我为政府网站找错").click()
    assert citizen.get_by_role("heading", level=1).inner_text() == "我为政府网站找错"
    address = citizen.get_by_label("出错页面地址").input_value()
    assert address == f"{live_server.url}{article.url}"
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert_accessible(citizen, axe)
    citizen.get_by_role("group", name="错误类型").get_by_label("错别字/病句").check()
    citizen.get_by_label("问题描述").fill(DESCRIPTION)
    citizen.get_by_label("联系人姓名").fill("周市民")
    citizen.get_by_label("联系电话").fill("13700001234")
    captcha = citizen.locator("label[for=id_captcha_answer]")
    citizen.locator("#id_captcha_answer").fill(solve(captcha.inner_text()))
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交").click()

    assert citizen.get_by_role("heading", level=1).inner_text() == "感谢您的纠错"
    assert unit.name in citizen.get_by_role("status").inner_text()
    receipt_number = shown_as(citizen, "受理编号")
    query_code = shown_as(citizen, "查询码")
    assert receipt_number.startswith("ZC") and query_code
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert_accessible(citizen, axe)
    report = ErrorReport.objects.get(case__receipt_number=receipt_number)
    assert report.page_id == article.pk and report.case.unit == unit

    revision = correct_and_publish(article, officer, reviewer)
    log_in(page, "cg_info")
    page.get_by_role("link", name="网站纠错").first.click()
    page.wait_for_url("**/admin/error-reports/")
    row = page.get_by_role("row").filter(has_text=receipt_number)
    assert "待处理" in row.inner_text()
    row.get_by_role("link", name=receipt_number).click()
    page.wait_for_url("**/admin/error-reports/*/")
    assert DESCRIPTION in page.get_by_role("main").inner_text()
    fix = page.get_by_role("group", name="标记为已修正", exact=True)
    choice = f"{timezone.localtime(revision.created_at):%Y-%m-%d %H:%M} cg_info"
    fix.get_by_label(choice).check()
    with page.expect_navigation():
        fix.get_by_role("button", name="标记为已修正").click()
    assert "已完成：标记为已修正" in page.content()
    assert "已修正" in page.locator("header").first.inner_text()

    citizen.get_by_role("link", name="查询办理进度").click()
    citizen.wait_for_url("**/cases/lookup/")
    citizen.get_by_label("受理编号").fill(receipt_number)
    citizen.get_by_label("查询码").fill(query_code)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="查询").click()
    result = citizen.get_by_role("region", name=receipt_number)
    assert shown_as(result, "状态") == "已修正"
    assert shown_as(result, "修正情况") == f"已修正（{timezone.localdate():%Y-%m-%d}）"
    assert "您反映的问题已修正" in result.inner_text()
    assert_accessible(citizen, axe)
