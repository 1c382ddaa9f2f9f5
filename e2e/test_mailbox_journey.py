import re

import pytest

from conftest import persona
from e2e.test_disclosure_journey import assert_accessible, shown_as
from e2e.test_review_journey import log_in
from opencounty.core.captcha import NUMBERS
from opencounty.core.models import Role

pytestmark = pytest.mark.browser

CONTENT = "我是王秀英，电话13800001234。城关镇幸福路的路灯坏了一个多月，晚上老人出门很不方便。"
REPLY = "王秀英您好：经现场核查，幸福路路灯线路老化，已于本周更换完毕。感谢您的监督。"


def solve_captcha(tab) -> None:
    label = tab.locator("label[for=id_captcha_answer]").inner_text()
    a, b = re.search(r"请计算：(\S) 加 (\S) 等于", label).groups()
    tab.get_by_label(label.rstrip(" *")).fill(str(NUMBERS.index(a) + NUMBERS.index(b)))


def handle(tab, verb_label: str, **fields) -> None:
    """Submit the named form on the staff handling page."""
    form = tab.get_by_role("group", name=verb_label, exact=True)
    for label, value in fields.items():
        field = form.get_by_label(label)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    with tab.expect_navigation():
        form.get_by_role("button", name=verb_label, exact=True).click()
    assert f"已完成：{verb_label}" in tab.content(), tab.content()[-2000:]


def test_a_letter_is_written_routed_answered_approved_rated_and_listed(phone, page, axe):
    persona("disp", "001", Role.INFORMATION_OFFICER)
    persona("cg_info", "T01", Role.INFORMATION_OFFICER)
    persona("cg_rev", "T01", Role.REVIEWER)
    citizen = phone

    citizen.goto("/interaction/letters/write/")
    assert_accessible(citizen, axe)
    citizen.get_by_role("group", name="来信类型").get_by_label("求助").check()
    citizen.get_by_label("写信对象").select_option(label="示范县城关镇")
    citizen.get_by_label("标题").fill("幸福路路灯不亮")
    citizen.get_by_label("来信内容").fill(CONTENT)
    citizen.get_by_label("姓名").fill("王秀英")
    citizen.get_by_label("联系电话").fill("13800001234")
    citizen.get_by_label("同意在网站公开来信和答复").check()
    solve_captcha(citizen)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交来信").click()
    assert citizen.get_by_role("heading", level=1).inner_text() == "您的来信已提交"
    receipt_number, query_code = shown_as(citizen, "受理编号"), shown_as(citizen, "查询码")
    assert receipt_number.startswith("XX")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert_accessible(citizen, axe)

    citizen.get_by_role("link", name="查询办理进度").click()
    citizen.get_by_label("受理编号").fill(receipt_number)
    citizen.get_by_label("查询码").fill(query_code)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="查询").click()
    waiting = citizen.get_by_role("region", name=receipt_number)
    assert shown_as(waiting, "来信对象") == "示范县城关镇（县电子政务办分办中）"
    assert_accessible(citizen, axe)

    staff = page
    log_in(staff, "disp")
    staff.get_by_role("link", name="信箱来信").first.click()
    staff.get_by_role("row").filter(has_text=receipt_number).get_by_role(
        "link", name=receipt_number
    ).click()
    assert "待分办" in staff.locator("header").first.inner_text()
    handle(staff, "转办", 承办单位="示范县城关镇")

    log_in(staff, "cg_info")
    staff.get_by_role("link", name="信箱来信").first.click()
    staff.get_by_role("link", name=receipt_number).click()
    assert CONTENT in staff.get_by_role("main").inner_text()
    handle(staff, "起草答复", 答复内容=REPLY)

    log_in(staff, "cg_rev")
    staff.get_by_role("link", name="信箱来信").first.click()
    staff.get_by_role("link", name=receipt_number).click()
    assert REPLY in staff.locator("#draft-reply").inner_text()
    handle(staff, "审核通过并答复")
    assert "已答复" in staff.locator("header").first.inner_text()
    assert staff.get_by_role("button", name="不予受理并办结").count() == 0
    public_content = staff.get_by_role("group", name="选登公开").get_by_label("公开的来信内容")
    assert "王**" in public_content.input_value()
    assert "王秀英" not in public_content.input_value()
    handle(staff, "选登公开")
    assert "已于" in staff.locator("#publication").inner_text()

    citizen.goto("/cases/lookup/")
    citizen.get_by_label("受理编号").fill(receipt_number)
    citizen.get_by_label("查询码").fill(query_code)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="查询").click()
    result = citizen.get_by_role("region", name=receipt_number)
    assert shown_as(result, "状态") == "已答复"
    assert REPLY in result.inner_text()
    assert_accessible(citizen, axe)
    citizen.get_by_role("group", name="您对答复的评价").get_by_label("满意", exact=True).check()
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交评价").click()
    assert "感谢您的评价" in citizen.get_by_role("status").inner_text()

    citizen.goto("/interaction/letters/")
    row = citizen.get_by_role("row").filter(has_text="幸福路路灯不亮")
    assert "示范县城关镇" in row.inner_text()
    assert_accessible(citizen, axe)
    row.get_by_role("link", name="幸福路路灯不亮").click()
    shown = citizen.get_by_role("main").inner_text()
    assert "已于本周更换完毕" in shown
    assert "王秀英" not in shown and "13800001234" not in shown
    assert_accessible(citizen, axe)
    citizen.goto("/interaction/letters/statistics/")
    assert "已答复 1 件" in citizen.locator("#stats-total").inner_text()
    assert_accessible(citizen, axe)
