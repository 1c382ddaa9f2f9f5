import pytest

from conftest import persona
from e2e.test_disclosure_journey import a_small_png, assert_accessible, shown_as
from e2e.test_mailbox_journey import handle, solve_captcha
from e2e.test_review_journey import log_in
from opencounty.core.models import Role, Unit
from opencounty.services.tests.helpers import PDF, live_item, window

pytestmark = pytest.mark.browser

JOINT_STEPS = [("综合受理", None, 1), ("食品经营审查", "D01", 3), ("消防安全检查", "D02", 5)]


def test_a_citizen_applies_window_staff_accept_two_departments_approve_and_the_citizen_rates(
    phone, page, axe
):
    """A citizen, on a phone, applies online with uploads; window staff accept; two
    departments approve in parallel; the citizen sees the result and rates it."""
    clerk = persona("window_clerk", "001", Role.INFORMATION_OFFICER)
    persona("d01_info", "D01", Role.INFORMATION_OFFICER)
    persona("d02_info", "D02", Role.INFORMATION_OFFICER)
    item = live_item(
        code="LB-001",
        title="开办餐馆一件事",
        item_kind="joint",
        steps=JOINT_STEPS,
        item_window=window(3, Unit.objects.get(code="D01"), staff=[clerk]),
    )
    citizen = phone

    citizen.goto(f"/services/apply/{item.code}/")
    assert citizen.get_by_role("heading", level=1).inner_text() == "网上申请：开办餐馆一件事"
    assert_accessible(citizen, axe)
    citizen.get_by_label("申请人姓名或单位名称").fill("王秀英")
    citizen.get_by_label("身份证号码或统一社会信用代码").fill("11010519491231002X")
    citizen.get_by_label("联系电话").fill("13800001234")
    citizen.get_by_label("店铺名称").fill("秀英小吃")
    citizen.get_by_role("group", name="经营类别").get_by_label("餐饮").check()
    citizen.get_by_label("经营面积（平方米）").fill("45")
    citizen.get_by_label("申请书 *", exact=True).set_input_files(
        {"name": "申请书.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    citizen.get_by_label("营业场所照片").set_input_files(
        {"name": "门面.png", "mimeType": "image/png", "buffer": a_small_png()}
    )
    solve_captcha(citizen)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交申请").click()
    assert citizen.get_by_role("heading", level=1).inner_text() == "您的申请已提交"
    receipt_number, query_code = shown_as(citizen, "受理编号"), shown_as(citizen, "查询码")
    assert receipt_number.startswith("SP")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert_accessible(citizen, axe)

    staff = page
    log_in(staff, "window_clerk")
    staff.get_by_role("link", name="办件受理").first.click()
    staff.get_by_role("row").filter(has_text=receipt_number).get_by_role(
        "link", name=receipt_number
    ).click()
    assert "待受理" in staff.locator("header").first.inner_text()
    assert "秀英小吃" in staff.locator("#form-data").inner_text()
    handle(staff, "受理")
    assert "已受理" in staff.locator("header").first.inner_text()
    assert staff.locator("#steps tbody tr").count() == 2

    for username, step_name, number in [
        ("d02_info", "消防安全检查", "消检〔2026〕12号"),
        ("d01_info", "食品经营审查", "JY13300000001"),
    ]:
        log_in(staff, username)
        staff.get_by_role("link", name="办件受理").first.click()
        staff.get_by_role("link", name=receipt_number).click()
        handle(staff, f"同意（{step_name}）", 证照或文书编号=number)
    assert "办结：准予" in staff.locator("header").first.inner_text()

    citizen.get_by_role("link", name="查询办理进度").click()
    citizen.get_by_label("受理编号").fill(receipt_number)
    citizen.get_by_label("查询码").fill(query_code)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="查询").click()
    result = citizen.get_by_role("region", name=receipt_number)
    assert shown_as(result, "状态") == "办结：准予"
    assert "JY13300000001" in shown_as(result, "证照或文书编号")
    steps = citizen.locator("#application-steps").inner_text()
    assert "食品经营审查" in steps and "消防安全检查" in steps and "同意" in steps
    assert_accessible(citizen, axe)
    for group in ["总体满意度", "办事效率", "办事指南准确性", "办事便利程度"]:
        citizen.get_by_role("group", name=group).get_by_label("5 非常满意").check()
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交评价").click()
    assert "感谢您的评价" in citizen.get_by_role("status").inner_text()
    assert_accessible(citizen, axe)

    citizen.goto("/services/results/")
    row = citizen.get_by_role("row").filter(has_text="开办餐馆一件事")
    assert "王**" in row.inner_text() and "准予" in row.inner_text()
    assert "王秀英" not in citizen.get_by_role("main").inner_text()
    assert_accessible(citizen, axe)
    citizen.goto("/services/ratings/")
    row = citizen.get_by_role("row").filter(has_text=item.department.name)
    assert row.get_by_role("cell").all_inner_texts() == ["1", "5.0", "5.0", "5.0", "5.0", "0"]
    assert_accessible(citizen, axe)
