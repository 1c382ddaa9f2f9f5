import re

import pytest

from opencounty.core.models import Unit
from opencounty.portal.models import ArticlePage, ColumnPage

pytestmark = pytest.mark.browser


def _describe(violations):
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_public_pages_have_no_serious_accessibility_violations(page, axe):
    article = ArticlePage.objects.live().filter(attachments__isnull=False).first()
    column = article.get_parent()
    subsite = Unit.objects.get(code="T01").root_page
    for url in [
        "/",
        column.url,
        article.url,
        subsite.url,
        "/search/?q=政府",
        "/disclosure/apply/T01/",
        "/cases/lookup/",
    ]:
        page.goto(url)
        violations = axe(page)
        assert violations == [], f"{url}: {_describe(violations)}"


def published_annual_report_url() -> str:
    from django.utils import timezone

    from conftest import persona
    from opencounty.core.models import Role
    from opencounty.disclosure.report_actions import publish_report, save_report

    officer = persona("report_officer", "T01", Role.INFORMATION_OFFICER)
    reviewer = persona("report_reviewer", "T01", Role.REVIEWER)
    year = timezone.localdate().year - 1
    report = save_report(
        Unit.objects.get(code="T01"),
        year,
        officer,
        overview="本年度政府信息公开工作总体情况（测试）。",
    )
    publish_report(report, reviewer)
    return f"/disclosure/T01/annual-reports/{year}/"


def test_the_disclosure_platform_pages_have_no_serious_accessibility_violations(page, axe):
    from opencounty.disclosure.models import CatalogueRecord, DisclosurePage

    catalogued = CatalogueRecord.objects.filter(page__live=True).select_related("page").first()
    platform = DisclosurePage.objects.child_of(Unit.objects.get(code="T01").root_page).get()
    county = DisclosurePage.objects.child_of(Unit.objects.get(code="000").root_page).get()
    for url in [
        county.url,
        county.url + "catalogue/?subject=05",
        platform.url,
        platform.url + "guide/",
        platform.url + "catalogue/",
        catalogued.page.url,
        "/disclosure/T01/annual-reports/",
        published_annual_report_url(),
    ]:
        page.goto(url)
        violations = axe(page)
        assert violations == [], f"{url}: {_describe(violations)}"


def test_the_elderly_mode_is_reachable_by_keyboard_and_remembered(page, axe):
    page.goto("/")
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "display-mode-toggle":
            break
    assert page.evaluate("document.activeElement.id") == "display-mode-toggle"
    base_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "elderly" in page.evaluate("document.documentElement.className")
    bigger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert bigger > base_size
    page.goto(ColumnPage.objects.filter(kind="news").first().url)
    assert "elderly" in page.evaluate("document.documentElement.className")
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="退出适老化模式").click()
    assert "elderly" not in page.evaluate("document.documentElement.className")


def test_a_citizen_searches_from_the_home_page_on_a_phone(phone):
    phone.goto("/")
    phone.get_by_label("全站搜索").fill("政府")
    phone.get_by_role("button", name="搜索").first.click()
    status = phone.get_by_role("status")
    assert re.search(r"找到 \d+ 条与“政府”相关的信息", status.inner_text())
    assert phone.locator("mark").first.inner_text() == "政府"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1
