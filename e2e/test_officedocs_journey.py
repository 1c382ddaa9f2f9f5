"""The county government's clerk drafts a document with an attachment, the office's reviewer
checks it (核稿) and its leader signs it off (签发) to all townships; 城关镇's 收文员 signs for
it and proposes how to handle it (拟办), the township's leader writes the 批办 and names a
staff member, who finishes it (办结); the sender sees who has and has not signed and reminds
the one who has not (an SMS outbox row for its clerk's mobile); every screen without serious
accessibility violations (axe-core)."""

import pytest

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.accounts.models import StaffProfile
from opencounty.core.models import AuditEntry, Role
from opencounty.officedocs.models import Delivery, OfficialDocument
from opencounty.officedocs.tests.conftest import PDF
from opencounty.services.models import OutboundSMS

pytestmark = pytest.mark.browser

TITLE = "关于做好今冬明春森林防火工作的通知"


def test_a_document_is_drafted_checked_signed_off_handled_and_reminded(page, axe):
    persona("county_clerk", "000", Role.INFORMATION_OFFICER)
    persona("county_checker", "000", Role.REVIEWER)
    persona("county_signer", "000", Role.UNIT_ADMINISTRATOR)
    persona("cg_clerk", "T01", Role.INFORMATION_OFFICER)
    persona("cg_leader", "T01", Role.UNIT_ADMINISTRATOR)
    persona("cg_staff", "T01", Role.REVIEWER)
    qingshi = persona("qs_clerk", "T02", Role.INFORMATION_OFFICER)
    StaffProfile.objects.create(user=qingshi, mobile="13800000002")

    # 拟稿, then 送核稿.
    log_in(page, "county_clerk")
    page.goto("/admin/")
    page.get_by_role("link", name="公文发文").first.click()
    page.wait_for_url("**/admin/officedocs/sent/")
    page.get_by_role("link", name="拟稿").click()
    page.fill("#id_prefix", "示政办发")
    page.fill("#id_title", TITLE)
    page.select_option("#id_urgency", "urgent")
    page.fill("#id_main_recipients", "各乡镇人民政府")
    page.fill("#id_body", "现就做好今冬明春森林防火工作通知如下。")
    page.fill("#id_copied_to", "县委办公室")
    page.fill("#id_handle_days", "5")
    page.set_input_files(
        "#id_attachments", {"name": "方案.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="保存草稿").click()
    with page.expect_navigation():
        page.get_by_role("button", name="送核稿").click()
    assert page.get_by_text("草稿待本单位核稿人核稿").is_visible()
    document = OfficialDocument.objects.get(title=TITLE)

    # 核稿: the reviewer finds it in 我的待办.
    log_in(page, "county_checker")
    page.goto("/admin/")
    page.locator("[data-todo-kind='officedocs_check'] tbody a").first.click()
    page.fill("#id_opinion", "文字已核。")
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="核稿通过，送签发").click()
    assert page.get_by_text("已核稿，待本单位签发人签发").is_visible()

    # 签发 to all townships.
    log_in(page, "county_signer")
    page.goto(f"/admin/officedocs/{document.pk}/")
    page.get_by_label("全部乡镇（街道）").check()
    with page.expect_navigation():
        page.get_by_role("button", name="签发并分发").click()
    assert page.locator("#officedocs-number").inner_text().startswith("示政办发〔")
    assert page.locator("tr[data-unit='T01']").get_attribute("data-state") == "pending"
    assert page.locator("tr[data-unit='T02']").get_attribute("data-state") == "pending"
    assert axe(page) == []

    # 城关镇's 收文员 signs for it and writes the 拟办.
    log_in(page, "cg_clerk")
    page.goto("/admin/")
    page.get_by_role("link", name="公文收文").first.click()
    page.get_by_role("link", name=TITLE).click()
    assert page.locator(".officedocs-masthead").inner_text() == "示范县人民政府文件"
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="签收", exact=True).click()
    assert page.locator("#delivery-state").inner_text().startswith("已签收")
    assert page.get_by_text("城关镇收〔").first.is_visible()
    page.fill("#id_proposal", "拟请镇长阅示，由党政办承办。")
    with page.expect_navigation():
        page.get_by_role("button", name="提交拟办意见").click()
    assert page.locator("#delivery-state").inner_text().startswith("已拟办")

    # The leader sees the pending 批办 in 我的待办 and names the 承办人.
    log_in(page, "cg_leader")
    page.goto("/admin/")
    assert page.get_by_text("待批办公文").first.is_visible()
    page.locator("[data-todo-kind='officedocs_instruct'] tbody a").first.click()
    page.fill("#id_instruction", "同意，请党政办抓紧落实。")
    page.select_option("#id_assignee", label="cg_staff")
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="批办", exact=True).click()
    assert page.locator("#delivery-assignee").inner_text() == "cg_staff"

    # The staff member finishes it.
    log_in(page, "cg_staff")
    page.goto("/admin/")
    page.locator("[data-todo-kind='officedocs_handle'] tbody a").first.click()
    page.fill("#id_reply", "已组织全镇开展排查，设立检查站 3 处。")
    with page.expect_navigation():
        page.get_by_role("button", name="办结", exact=True).click()
    assert page.locator("#delivery-state").inner_text().startswith("已办结")
    assert page.locator("#delivery-steps li").count() == 4
    assert axe(page) == []

    # The sender sees the table and reminds 青石镇, which has not signed: mail and an SMS.
    log_in(page, "county_clerk")
    page.goto(f"/admin/officedocs/{document.pk}/")
    assert page.locator("tr[data-unit='T01']").get_attribute("data-state") == "done"
    assert page.locator("tr[data-unit='T02']").get_attribute("data-state") == "pending"
    with page.expect_navigation():
        page.get_by_role("button", name="催办未签收单位").click()
    assert page.get_by_text("已向 1 个未签收单位发出催办").is_visible()
    assert axe(page) == []
    assert Delivery.objects.get(document=document, unit__code="T02").reminders == 1
    assert AuditEntry.objects.filter(action="officedocs.remind").exists()
    sms = OutboundSMS.objects.get()
    assert sms.phone == "13800000002" and TITLE in sms.text
