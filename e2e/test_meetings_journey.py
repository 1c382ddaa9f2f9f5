"""城关镇 books the county video-conference centre, the county office approves it, and 青石镇's
clashing booking is refused with the booking in the way shown; every screen without serious
accessibility violations (axe-core)."""

from datetime import timedelta

import pytest

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.core.models import AuditEntry, Role, Unit
from opencounty.meetings import actions
from opencounty.meetings.models import Conference, Room
from opencounty.meetings.tests.conftest import soon

pytestmark = pytest.mark.browser

TITLE = "全县冬季森林防火视频调度会"
FORMAT = "%Y-%m-%dT%H:%M"


def _book(page, title: str, start, end, room_names: list[str]) -> None:
    page.goto("/admin/meetings/")
    page.get_by_role("link", name="申请视频会议").click()
    page.fill("#id_title", title)
    page.fill("#id_start", start.strftime(FORMAT))
    page.fill("#id_end", end.strftime(FORMAT))
    for name in room_names:
        page.get_by_label(name).check()
    page.fill("#id_participants", "县政府分管领导，各乡镇分管负责人")
    page.fill("#id_technical_needs", "需全程录像")
    with page.expect_navigation():
        page.get_by_role("button", name="提交申请").click()


def test_a_unit_books_the_office_approves_and_a_clash_is_refused(page, axe):
    office = persona("mt_office", "001", Role.HEADLINE_REVIEWER)
    persona("mt_tech", "001", Role.INFORMATION_OFFICER)
    persona("mt_cg", "T01", Role.INFORMATION_OFFICER)
    persona("mt_qs", "T02", Role.INFORMATION_OFFICER)
    for name, kind, code in [
        ("县视频会议中心", Room.Kind.CENTRE, "001"),
        ("城关镇分会场", Room.Kind.TOWNSHIP, "T01"),
        ("青石镇分会场", Room.Kind.TOWNSHIP, "T02"),
    ]:
        data = {"name": name, "kind": kind, "unit": Unit.objects.get(code=code), "active": True}
        actions.save_room(None, office, data)
    start = soon(days=2, hour=9)

    log_in(page, "mt_cg")
    page.goto("/admin/")
    page.get_by_role("link", name="视频会议").first.click()
    page.wait_for_url("**/admin/meetings/")
    _book(page, TITLE, start, start + timedelta(hours=2), ["县视频会议中心", "城关镇分会场"])
    assert page.get_by_text("申请已提交").is_visible()
    assert page.locator("#meeting-state").inner_text() == "待审批"
    assert axe(page) == []
    conference = Conference.objects.get(title=TITLE)

    log_in(page, "mt_office")
    page.goto(f"/admin/meetings/{conference.pk}/")
    page.select_option("#id_approve-technician", label="mt_tech")
    with page.expect_navigation():
        page.get_by_role("button", name="批准", exact=True).click()
    assert page.locator("#meeting-state").inner_text() == "已批准"
    assert page.locator("#meeting-checklist").is_visible()
    assert axe(page) == []

    log_in(page, "mt_qs")
    _book(
        page,
        "青石镇防火工作会",
        start + timedelta(hours=1),
        start + timedelta(hours=3),
        ["县视频会议中心", "青石镇分会场"],
    )
    clashes = page.locator("#meetings-clashes")
    assert clashes.is_visible()
    assert TITLE in clashes.inner_text() and "城关镇" in clashes.inner_text()
    assert page.get_by_text("会场时间冲突，申请未提交").is_visible()
    assert axe(page) == []
    assert not Conference.objects.filter(title="青石镇防火工作会").exists()
    assert AuditEntry.objects.filter(action="meetings.apply", outcome="failure").exists()

    # Touching the end is fine: 青石镇 books right after.
    _book(
        page,
        "青石镇防火工作会",
        start + timedelta(hours=2),
        start + timedelta(hours=3),
        ["县视频会议中心"],
    )
    assert page.locator("#meeting-state").inner_text() == "待审批"

    page.goto(f"/admin/meetings/calendar/?view=week&day={start:%Y-%m-%d}")
    calendar = page.locator("#meetings-calendar").inner_text()
    assert TITLE in calendar and "青石镇防火工作会" in calendar
    assert axe(page) == []
