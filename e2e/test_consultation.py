import pytest

from conftest import persona
from e2e.test_disclosure_journey import assert_accessible
from e2e.test_review_journey import log_in
from opencounty.core.models import Role
from opencounty.interaction.models import ConsultationComment
from opencounty.interaction.tests.consultation_helpers import consultation

pytestmark = pytest.mark.browser

COMMENT = "建议第二部分写明绿地养护的责任单位和养护标准。"


def test_a_citizen_comments_on_a_section_and_it_appears_once_staff_approve(phone, page, axe):
    draft = consultation()
    section = draft.sections.get(heading="绿地管理")
    persona("county_mod", "000", Role.REVIEWER)
    citizen = phone

    citizen.goto(draft.url)
    assert citizen.get_by_role("heading", level=1).inner_text() == draft.title
    assert "征集中" in citizen.locator(".consultation-facts").inner_text()
    assert_accessible(citizen, axe)
    with citizen.expect_navigation():
        citizen.get_by_role("link", name="对第2部分提出意见").click()
    assert citizen.get_by_label("意见针对").input_value() == str(section.pk)
    citizen.get_by_label("署名").fill("林先生")
    citizen.get_by_label("联系电话").fill("13912345678")
    citizen.get_by_label("意见内容").fill(COMMENT)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交意见").click()
    assert "您的意见已提交，经审核后公开" in citizen.get_by_role("status").inner_text()
    assert COMMENT not in citizen.locator(".comments").inner_text()
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    stored = ConsultationComment.objects.get(page=draft)
    assert (stored.section, stored.state) == (section, ConsultationComment.State.PENDING)

    staff = page
    log_in(staff, "county_mod")
    staff.get_by_role("link", name="意见征集").first.click()
    staff.wait_for_url("**/admin/consultations/")
    staff.get_by_role("link", name=draft.title).click()
    staff.wait_for_url(f"**/admin/consultations/{draft.pk}/")
    entry = staff.locator(f"#comment-{stored.pk}")
    assert COMMENT in entry.inner_text() and "139****5678" in entry.inner_text()
    with staff.expect_navigation():
        entry.get_by_role("button", name="审核通过并公开").click()
    assert "已完成：审核通过并公开" in staff.content()

    citizen.goto(draft.url)
    published = citizen.locator(".comments")
    assert COMMENT in published.inner_text()
    assert "林先生" in published.inner_text()
    assert "13912345678" not in citizen.content()
    published.get_by_role("link", name="绿地管理").click()
    citizen.wait_for_url(f"**#section-{section.pk}")
    assert citizen.url.endswith(f"#section-{section.pk}")
    assert_accessible(citizen, axe)
