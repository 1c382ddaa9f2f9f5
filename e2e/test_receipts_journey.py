"""A writer submits a letter, prints the receipt and asks for the query code by e-mail."""

import pytest

from e2e.test_disclosure_journey import assert_accessible, shown_as
from e2e.test_mailbox_journey import solve_captcha

pytestmark = pytest.mark.browser


def test_a_writer_prints_the_receipt_and_gets_the_code_by_mail_once(phone, axe, smtp_server):
    citizen = phone
    citizen.goto("/interaction/letters/write/")
    citizen.get_by_role("group", name="来信类型").get_by_label("咨询").check()
    citizen.get_by_label("写信对象").select_option(label="示范县城关镇")
    citizen.get_by_label("标题").fill("社保卡补办需要哪些材料")
    citizen.get_by_label("来信内容").fill("请问社保卡丢失后补办需要带哪些材料，在哪里办理？")
    citizen.get_by_label("姓名").fill("王秀英")
    citizen.get_by_label("联系电话").fill("13800001234")
    citizen.get_by_label("电子邮箱").fill("xiuying@example.com")
    solve_captcha(citizen)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交来信").click()
    assert citizen.get_by_role("heading", level=1).inner_text() == "您的来信已提交"
    receipt_number, query_code = shown_as(citizen, "受理编号"), shown_as(citizen, "查询码")
    assert citizen.get_by_role("button", name="打印回执").is_visible()  # our script ran
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert_accessible(citizen, axe)

    # What the printed page shows: the receipt, without the site's chrome or the buttons.
    citizen.emulate_media(media="print")
    printed = citizen.locator("body").inner_text()
    for fact in (
        "信箱来信回执",
        receipt_number,
        query_code,
        "社保卡补办需要哪些材料",
        "5个工作日",
        "办件查询",
        "王**",
        "138****1234",
    ):
        assert fact in printed, fact
    for hidden in ("打印回执", "用电子邮件发送到", "13800001234"):
        assert hidden not in printed, hidden
    assert not citizen.locator(".site-header").is_visible()
    citizen.emulate_media(media="screen")

    with citizen.expect_navigation():
        citizen.get_by_role("button", name="用电子邮件发送到 x******@example.com").click()
    assert "已发送到您的电子邮箱" in citizen.get_by_role("status").inner_text()
    assert shown_as(citizen, "受理编号") == receipt_number
    assert_accessible(citizen, axe)
    (mail,) = [m for m in smtp_server.to("xiuying@example.com") if "查询码" in m["Subject"]]
    assert receipt_number in mail.get_content() and query_code in mail.get_content()

    with citizen.expect_navigation():
        citizen.get_by_role("button", name="用电子邮件发送到 x******@example.com").click()
    assert "每次提交只能发送一次" in citizen.get_by_role("alert").inner_text()
    assert len([m for m in smtp_server.messages if "查询码" in m["Subject"]]) == 1
