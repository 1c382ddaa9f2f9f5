"""Emergency duty in a browser: 城关镇 reports an incident, the county office sees it on the
duty desk with its timer, 城关镇 sends a 续报; the office publishes a yellow warning and a
visitor sees the banner on the home page and on a sub-site while the page cache is on, in
readable colours, until the office lifts it. Every screen axe-clean."""

import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.cases.models import Case
from opencounty.core.models import Role, Unit
from opencounty.emergency.models import PublicWarning

pytestmark = pytest.mark.browser

TITLE = "城关镇工业园厂房火灾"


def local(minutes: int) -> str:
    return (timezone.localtime() + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M")


def served(live_server, path: str) -> tuple[str, str]:
    """(X-Page-Cache, body) of an anonymous request straight to the server."""
    with urllib.request.urlopen(live_server.url + path) as response:  # noqa: S310 - the test server
        return response.headers.get("X-Page-Cache", ""), response.read().decode()


def test_an_incident_is_reported_followed_up_and_a_warning_reaches_every_page(
    page, browser, live_server, axe
):
    persona("cg_duty", "T01", Role.INFORMATION_OFFICER)
    persona("office_duty", "001", Role.INFORMATION_OFFICER)

    # 城关镇 reports an incident with its written first report.
    log_in(page, "cg_duty")
    page.goto("/admin/emergency/incidents/new/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_incident_type", "accident")
    page.select_option("#id_level", "4")
    page.fill("#id_occurred_at", local(-25))
    page.fill("#id_place", "城关镇工业园")
    page.fill("#id_phoned_at", local(-15))
    page.fill("#id_text", "厂房起火，消防已到场扑救。")
    page.fill("#id_injured", "1")
    assert page.get_by_text("造成3人以下死亡").is_visible()
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="报送").click()
    assert "剩余" in page.locator("#incident-timer").inner_text()
    assert axe(page) == []
    case = Case.objects.get(title=TITLE)

    # The office sees it on the duty desk with its timer.
    log_in(page, "office_duty")
    page.goto("/admin/emergency/")
    row = page.locator(f"tr[data-case='{case.pk}']")
    assert TITLE in row.inner_text() and "剩余" in row.locator(".incident-timer").inner_text()
    assert axe(page) == []

    # 城关镇 sends a 续报.
    log_in(page, "cg_duty")
    page.goto(f"/admin/incidents/{case.pk}/")
    form = page.locator("form[data-verb='follow_up']")
    form.locator("#id_follow_up-text").fill("明火已扑灭，伤员送医。")
    with page.expect_navigation():
        form.get_by_role("button", name="续报").click()
    assert page.locator(".incident-reports li").count() == 2
    assert axe(page) == []

    # A visitor's pages are in the page cache before the warning.
    visitor = browser.new_context(base_url=live_server.url, locale="zh-CN")
    public = visitor.new_page()
    subsite = Unit.objects.get(code="T01").root_page.url
    for path in ("/", subsite):
        public.goto(path)
        assert public.locator(".warning-banner").count() == 0
        assert served(live_server, path)[0] == "hit"

    # The office publishes a yellow warning.
    log_in(page, "office_duty")
    page.goto("/admin/emergency/warnings/new/")
    page.select_option("#id_kind", "rainstorm")
    page.select_option("#id_level", "yellow")
    page.fill("#id_area", "示范县全境")
    page.fill("#id_text", "预计未来6小时有暴雨，请注意防范。")
    page.fill("#id_valid_until", local(360))
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="发布").click()
    assert page.locator("#warning-state").inner_text() == "生效中"
    assert axe(page) == []
    warning = PublicWarning.objects.get()

    for path in ("/", subsite):
        # The visitor's browser may show its own copy of the page (max-age): the banner comes
        # all the same, from the page or from warnings.json.
        public.goto(path)
        banner = public.locator(f"[data-warning='{warning.pk}']")
        expect(banner).to_have_count(1)
        assert "示范县全境暴雨黄色预警" in banner.inner_text()
        colours = banner.evaluate(
            "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
        )
        assert colours == ["rgb(58, 44, 0)", "rgb(255, 241, 168)"]
        assert axe(public) == []
        served(live_server, path)
        cached, body = served(live_server, path)
        assert cached == "hit" and f'data-warning="{warning.pk}"' in body

    # The office lifts it: the banner goes from every page.
    page.goto(f"/admin/emergency/warnings/{warning.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="解除预警").click()
    assert page.locator("#warning-state").inner_text().startswith("已于")
    for path in ("/", subsite):
        public.goto(path)
        expect(public.locator(".warning-banner")).to_have_count(0)
        assert 'data-warning="' not in served(live_server, path)[1]
    visitor.close()
