"""The county office opens 电子监察, filters the red cases, exports them, reads the assessment's
ranking and chart, and follows a number down to the case behind it; every screen without
serious accessibility violations (axe-core), on a desktop and on a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.cases.staff_views import detail_url
from opencounty.core.models import CalendarYear, Role, Unit
from opencounty.supervision import access, assessment
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


def test_the_office_follows_a_score_down_to_the_overdue_case(page, axe):
    today = timezone.localdate()
    for year in (today.year - 1, today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})
    office = persona("sv_office", "001", Role.INFORMATION_OFFICER)
    overdue = [place(letter("T02"), due_on=today - timedelta(days=30)) for _ in range(5)]
    expected = assessment.assess(
        access.supervised_units(office), assessment.Month.parse("", today), today
    )
    t02 = next(row for row in expected.rows if row.unit.code == "T02")
    assert t02.overdue == 5 and t02.level in ("red", "yellow")  # 25 points off for the cases

    log_in(page, "sv_office")
    page.goto("/admin/supervision/assessment/")
    score = page.locator("tr[data-unit='T02'] .assessment-score a")
    assert score.inner_text() == t02.score_text
    background = score.evaluate("a => getComputedStyle(a).backgroundColor")
    assert background == {"red": "rgb(179, 38, 30)", "yellow": "rgb(255, 213, 79)"}[t02.level]
    ranks = [
        int(r)
        for r in page.locator("tbody tr[data-rank]").evaluate_all(
            "rows => rows.map(r => r.dataset.rank)"
        )
    ]
    assert ranks == sorted(ranks)
    bars = page.locator("svg[role=img] g[data-unit]")
    assert bars.count() == len(expected.rows)
    heights = bars.evaluate_all("gs => gs.map(g => g.querySelector('rect').getBBox().height)")
    assert heights == sorted(heights, reverse=True)
    assert page.locator("svg[role=img]").bounding_box()["height"] < 400
    assert axe(page) == []

    page.locator("tr[data-unit='T02'] a[href$='#overdue']").click()  # 超期件数
    page.wait_for_url("**/assessment/details/**#overdue")
    listed = page.locator("#overdue tr[data-receipt]")
    assert listed.count() == 5
    assert axe(page) == []
    first = overdue[0]
    page.locator(f"#overdue a[href='{detail_url(first)}']").click()
    page.wait_for_url(f"**{detail_url(first)}")
    assert first.receipt_number in page.content()


def test_the_assessment_reads_on_a_phone(phone, axe):
    persona("sv_office", "001", Role.INFORMATION_OFFICER)
    log_in(phone, "sv_office")
    phone.goto("/admin/supervision/assessment/")
    region = phone.locator(".assessment-chart")
    assert region.bounding_box()["width"] <= 390
    # The table and the chart scroll inside their own boxes; the page does not overflow.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert Unit.objects.count() == phone.locator("tbody tr[data-unit]").count()
    assert axe(phone) == []
