"""A citizen's failed application submit keeps their files, and the error summary's links
move focus to the fields (issue 10 §7, Done-when)."""

import pytest

from e2e.test_disclosure_journey import a_small_png, assert_accessible, shown_as
from e2e.test_mailbox_journey import solve_captcha
from opencounty.services.models import ApplicationMaterial
from opencounty.services.tests.helpers import PDF, live_item

pytestmark = pytest.mark.browser


def focused_id(tab) -> str:
    return tab.evaluate("document.activeElement && document.activeElement.id")


@pytest.mark.parametrize("device", ["page", "phone"])
def test_a_failed_submit_keeps_the_files_and_the_summary_leads_to_each_field(device, request, axe):
    citizen = request.getfixturevalue(device)
    item = live_item()
    citizen.goto(f"/services/apply/{item.code}/")
    citizen.get_by_label("申请人姓名或单位名称").fill("王秀英")
    citizen.get_by_label("身份证号码或统一社会信用代码").fill(
        "110105194912310021"
    )  # check digit wrong
    citizen.get_by_label("联系电话").fill("abc")
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

    # The summary is read first and names each error as a link to its field.
    summary = citizen.locator("[data-error-summary]")
    assert summary.is_visible()
    citizen.wait_for_function(
        "document.activeElement && document.activeElement.hasAttribute('data-error-summary')"
    )
    links = summary.get_by_role("link")
    texts = links.all_inner_texts()
    assert any(t.startswith("身份证号码或统一社会信用代码：身份证号码校验位不正确") for t in texts)
    assert any(t.startswith("联系电话：") for t in texts)
    summary.get_by_role("link", name="联系电话：", exact=False).click()
    assert focused_id(citizen) == "id_phone"
    summary.get_by_role("link", name="身份证号码或统一社会信用代码：", exact=False).click()
    assert focused_id(citizen) == "id_id_number"
    assert_accessible(citizen, axe)

    # The files are kept: the page says so, and nothing has to be chosen again.
    kept = citizen.locator(".kept-file").all_inner_texts()
    assert any("申请书.pdf" in t for t in kept) and any("门面.png" in t for t in kept)
    assert citizen.get_by_label("店铺名称").input_value() == "秀英小吃"
    citizen.get_by_label("身份证号码或统一社会信用代码").fill("11010519491231002X")
    citizen.get_by_label("联系电话").fill("13800001234")
    solve_captcha(citizen)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交申请").click()

    assert citizen.get_by_role("heading", level=1).inner_text() == "您的申请已提交"
    assert shown_as(citizen, "受理编号").startswith("SP")
    materials = citizen.locator(".receipt-details").inner_text()
    assert "申请书.pdf" in materials and "门面.png" in materials
    assert citizen.get_by_role("button", name="打印回执").is_visible()
    stored = {m.original_name: m.file.read() for m in ApplicationMaterial.objects.all()}
    assert stored["申请书.pdf"] == PDF and stored["门面.png"] == a_small_png()
    assert_accessible(citizen, axe)
