"""城关镇 asks 县教育局 for a 有条件共享 resource, the department's reviewer grants it on the
case screens and the township downloads the data; a citizen on a phone finds an open dataset.
Every screen without serious accessibility violations (axe-core)."""

import pytest

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.core.models import AuditEntry, Role, Unit
from opencounty.datacatalogue import actions
from opencounty.datacatalogue.tests.conftest import GOOD_CSV, ITEMS, conditional, resource_data

pytestmark = pytest.mark.browser


def test_a_township_requests_a_shared_resource_and_the_provider_grants_it(page, axe):
    officer = persona("jy_officer", "D02", Role.INFORMATION_OFFICER)
    reviewer = persona("jy_reviewer", "D02", Role.REVIEWER)
    persona("cg_officer", "T01", Role.INFORMATION_OFFICER)
    resource = conditional(officer, Unit.objects.get(code="D02"))
    actions.upload_file(resource, officer, filename="a.csv", data=GOOD_CSV)
    actions.submit_for_review(resource, officer)
    actions.publish(resource, reviewer)

    log_in(page, "cg_officer")
    page.goto("/admin/")
    page.get_by_role("link", name="政务信息资源目录").first.click()
    page.get_by_role("link", name="共享目录").click()
    page.get_by_role("link", name="学生学籍信息").click()
    assert axe(page) == []
    page.get_by_role("link", name="申请共享").click()
    page.fill("#id_purpose", "核验辖区适龄儿童入学资格")
    page.get_by_label("下载数据文件").check()
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="提交申请").click()
    assert page.locator("#sharing-state").inner_text() == "待答复"
    assert axe(page) == []

    log_in(page, "jy_reviewer")
    page.goto("/admin/")
    page.get_by_role("link", name="数据共享申请").first.click()
    row = page.locator("tr", has_text="城关镇申请共享“学生学籍信息”")
    row.get_by_role("link").first.click()
    assert page.locator("#sharing-requester").inner_text() == "示范县城关镇"
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="同意共享").click()
    assert axe(page) == []

    log_in(page, "cg_officer")
    page.goto("/admin/datacatalogue/requests/")
    page.locator("table a").first.click()
    assert page.locator("#sharing-state").inner_text() == "同意共享"
    with page.expect_download() as download:
        page.locator("#shared-files a").first.click()
    assert download.value.suggested_filename.endswith(".csv")
    assert axe(page) == []
    assert AuditEntry.objects.filter(action="datacatalogue.download", details__how="staff").exists()


def test_a_citizen_on_a_phone_finds_an_open_dataset(phone, axe):
    officer = persona("jy_officer", "D02", Role.INFORMATION_OFFICER)
    reviewer = persona("jy_reviewer", "D02", Role.REVIEWER)
    resource = actions.save_resource(Unit.objects.get(code="D02"), officer, resource_data(), ITEMS)
    actions.upload_file(resource, officer, filename="a.csv", data=GOOD_CSV)
    actions.submit_for_review(resource, officer)
    actions.publish(resource, reviewer)

    phone.goto("/data/")
    assert axe(phone) == []
    phone.fill("#id_q", "学校")
    with phone.expect_navigation():
        phone.get_by_role("button", name="检索").click()
    phone.get_by_role("link", name="学校名录").click()
    assert phone.locator("#items").get_by_text("在校学生数").is_visible()
    assert axe(phone) == []
    with phone.expect_download() as download:
        phone.get_by_role("link", name="下载 CSV（2 行）").click()
    assert download.value.suggested_filename.endswith(".csv")
