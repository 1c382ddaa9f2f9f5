"""The county office opens 电子监察, filters the red cases, exports them, and reads the assessment;
both screens without serious accessibility violations (axe-core)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.core.models import CalendarYear, Role
from opencounty.supervision.tests.helpers import disclosure_request, letter, place

pytestmark = pytest.mark.browser


def test_the_office_finds_the_overdue_letter_and_the_assessment_chart(page, axe):
    today = timezone.localdate()
    for year in (today.year - 1, today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})
    persona("sv_office", "001", Role.INFORMATION_OFFICER)
    overdue = place(letter("T02"), due_on=today - timedelta(days=30))
    waiting = disclosure_request("T01")

    log_in(page, "sv_office")
    page.goto("/admin/")
    page.get_by_role("link", name="电子监察").first.click()
    page.wait_for_url("**/admin/supervision/")
    assert (
        page.locator(f"tr[data-receipt='{overdue.receipt_number}']").get_attribute("data-colour")
        == "red"
    )
    assert axe(page) == []
    page.select_option("#id_colour", "red")
    with page.expect_navigation():
        page.get_by_role("button", name="筛选").click()
    assert page.locator(f"tr[data-receipt='{overdue.receipt_number}']").is_visible()
    assert page.locator(f"tr[data-receipt='{waiting.receipt_number}']").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.goto("/admin/supervision/assessment/")
    chart = page.locator("svg[role=img]")
    assert chart.get_attribute("aria-labelledby") == "chart-title chart-desc"
    assert page.locator("tr[data-unit='T02'] th").inner_text().endswith("青石镇")
    assert axe(page) == []
