"""The county government's clerk drafts a document with an attachment, the reviewer signs it
off and sends it to all townships, 城关镇's clerk signs for it, and the sender sees who has and
has not signed and reminds the one who has not; every screen without serious accessibility
violations (axe-core)."""

import pytest

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.core.models import AuditEntry, Role
from opencounty.officedocs.models import Delivery, OfficialDocument
from opencounty.officedocs.tests.conftest import PDF

pytestmark = pytest.mark.browser

TITLE = "关于做好今冬明春森林防火工作的通知"


def test_a_document_is_drafted_signed_off_sent_signed_for_and_reminded(page, axe):
    persona("county_clerk", "000", Role.INFORMATION_OFFICER)
    persona("county_signer", "000", Role.REVIEWER)
    persona("cg_clerk", "T01", Role.INFORMATION_OFFICER)

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
    page.set_input_files(
        "#id_attachments", {"name": "方案.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="保存草稿").click()
    assert page.get_by_text("草稿待本单位审核人或单位管理员签发").is_visible()
    document = OfficialDocument.objects.get(title=TITLE)

    log_in(page, "county_signer")
    page.goto(f"/admin/officedocs/{document.pk}/")
    page.get_by_label("全部乡镇（街道）").check()
    with page.expect_navigation():
        page.get_by_role("button", name="签发并分发").click()
    assert page.locator("#officedocs-number").inner_text().startswith("示政办发〔")
    assert page.locator("tr[data-unit='T01']").get_attribute("data-state") == "pending"
    assert page.locator("tr[data-unit='T02']").get_attribute("data-state") == "pending"
    assert axe(page) == []

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

    log_in(page, "county_clerk")
    page.goto(f"/admin/officedocs/{document.pk}/")
    assert page.locator("tr[data-unit='T01']").get_attribute("data-state") == "signed"
    assert page.locator("tr[data-unit='T02']").get_attribute("data-state") == "pending"
    with page.expect_navigation():
        page.get_by_role("button", name="催办未签收单位").click()
    assert page.get_by_text("已向 1 个未签收单位发出催办").is_visible()
    assert axe(page) == []
    assert Delivery.objects.get(document=document, unit__code="T02").reminders == 1
    assert AuditEntry.objects.filter(action="officedocs.remind").exists()
