"""The county government's reviewer publishes a staff notice to all townships, 城关镇's clerk
reads it (read receipt), the reviewer sees who has read it per unit; 城关镇's administrator
fills in the unit's directory page; the document search answers; every screen without serious
accessibility violations (axe-core)."""

import pytest

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.core.models import Role
from opencounty.officedocs.staff_models import DirectoryContact, NoticeReceipt, StaffNotice
from opencounty.officedocs.tests.conftest import PDF

pytestmark = pytest.mark.browser

TITLE = "关于做好元旦假期值班工作的通知"


def test_a_notice_is_published_read_and_its_receipts_seen_and_the_directory_edited(page, axe):
    persona("county_signer", "000", Role.REVIEWER)
    persona("cg_clerk", "T01", Role.INFORMATION_OFFICER)
    persona("cg_unit_admin", "T01", Role.UNIT_ADMINISTRATOR)

    log_in(page, "county_signer")
    page.goto("/admin/")
    page.get_by_role("link", name="内部通知").first.click()
    page.wait_for_url("**/admin/officedocs/notices/")
    page.get_by_role("link", name="发布内部通知").click()
    page.fill("#id_title", TITLE)
    page.fill("#id_body", "请各乡镇于本周五前报送值班表。")
    page.get_by_label("全部乡镇（街道）").check()
    page.set_input_files(
        "#id_attachments", {"name": "值班表.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="发布").click()
    notice = StaffNotice.objects.get(title=TITLE)
    assert page.locator("tr[data-unit='T01'] td[data-unread]").get_attribute("data-unread") == "2"

    log_in(page, "cg_clerk")
    page.goto("/admin/officedocs/notices/")
    assert page.locator("tr[data-unread='1']").count() == 1
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    assert page.locator("#my-receipt").is_visible()
    assert axe(page) == []
    assert NoticeReceipt.objects.filter(notice=notice, user__username="cg_clerk").exists()

    log_in(page, "county_signer")
    page.goto(f"/admin/officedocs/notices/{notice.pk}/")
    assert page.locator("tr[data-unit='T01'] td[data-read]").get_attribute("data-read") == "1"
    assert page.locator("tr[data-unit='T01'] td[data-unread]").get_attribute("data-unread") == "1"
    assert axe(page) == []

    log_in(page, "cg_unit_admin")
    page.goto("/admin/officedocs/directory/")
    with page.expect_navigation():
        page.get_by_role("link", name="编辑本单位通讯录").click()
    page.fill("#id_duty_phone", "0851-86000001")
    page.fill("#id_contacts-0-name", "王明")
    page.fill("#id_contacts-0-post", "主任")
    page.fill("#id_contacts-0-mobile", "13800000001")
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    assert page.get_by_text("通讯录已保存").is_visible()
    assert DirectoryContact.objects.filter(unit__code="T01", name="王明").exists()
    assert axe(page) == []

    page.goto("/admin/officedocs/search/?title=通知")
    assert page.get_by_text("没有符合条件的公文").is_visible()
    assert axe(page) == []
