"""The list of powers in the open: a citizen finds a power by category and reads its flow
chart (on a phone); a department registers a penalty case, takes it through to 结案, and its
decision appears in 双公示 with the party's name masked. Every screen without serious
accessibility violations (axe-core)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.core.models import CalendarYear, Role
from opencounty.powers.tests.people import published_power

pytestmark = pytest.mark.browser


def test_a_citizen_finds_a_power_by_category_and_reads_its_flow_chart(phone, axe):
    writer = persona("d01_writer", "D01", Role.INFORMATION_OFFICER)
    checker = persona("d01_checker", "D01", Role.REVIEWER)
    published_power(writer, checker, "D01", code="QL-E2E-001")
    published_power(
        writer,
        checker,
        "D01",
        code="QL-E2E-002",
        name="食品经营许可",
        category="licensing",
        steps=[],
    )

    phone.goto("/powers/")
    assert axe(phone) == []
    phone.get_by_role("link", name="行政处罚（1）").click()
    phone.wait_for_url("**/powers/?category=penalty")
    assert phone.get_by_text("食品经营许可").count() == 0
    phone.get_by_role("link", name="对未取得许可从事食品经营的处罚").click()
    phone.wait_for_url("**/powers/item/QL-E2E-001/")
    chart = phone.locator("svg.flow-chart")
    assert chart.is_visible()
    assert chart.locator("g.flow-step").count() == 3
    assert chart.locator("text.flow-name", has_text="调查取证").count() == 1
    assert phone.locator("#power-code").inner_text() == "QL-E2E-001"
    assert phone.get_by_text("《中华人民共和国食品安全法》第一百二十二条").is_visible()
    # Mobile: nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert axe(phone) == []
    phone.get_by_role("link", name="执法依据").first.click()
    phone.wait_for_url("**/powers/enforcement/")
    assert phone.get_by_text("《中华人民共和国食品安全法》").first.is_visible()
    assert axe(phone) == []


def _verb(page, verb: str, fields: dict | None = None) -> None:
    form = page.locator(f"form.case-action[data-verb='{verb}']")
    for name, value in (fields or {}).items():
        form.locator(f"[name='{verb}-{name}']").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_a_department_takes_a_penalty_case_to_closing_and_it_appears_in_publicity(page, axe):
    today = timezone.localdate()
    for year in (today.year - 1, today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})
    persona("d01_enforcer", "D01", Role.INFORMATION_OFFICER)
    registered = today - timedelta(days=5)

    log_in(page, "d01_enforcer")
    page.goto("/admin/powers/penalties/new/")
    assert axe(page) == []
    page.select_option("#id_unit", label="示范县发展和改革局")
    page.get_by_role("radio", name="自然人").check()
    page.fill("#id_party_name", "王小明")
    page.fill("#id_id_number", "110101199003077774")
    page.fill("#id_facts", "王小明（电话13812345678）不执行政府指导价。")
    page.fill("#id_registered_on", registered.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="立案").click()
    assert "/admin/penalty-cases/" in page.url
    assert page.get_by_text("已立案，案件编号 CF").is_visible()
    assert axe(page) == []

    _verb(page, "investigate", {"evidence": "询问笔录一份。"})
    _verb(page, "notify_party", {"notice": "拟罚款一千元，可陈述申辩或要求听证。"})
    _verb(
        page,
        "decide",
        {
            "decision_number": "示发改罚〔2026〕1号",
            "decision": "王小明不执行政府指导价，罚款一千元。",
            "basis": "《中华人民共和国价格法》第三十九条",
            "fine": "1000",
        },
    )
    assert page.locator("#penalty-decision").is_visible()
    assert "未公示" in page.locator("#penalty-publicity").inner_text()
    assert axe(page) == []
    _verb(page, "publish")
    assert "已公示" in page.locator("#penalty-publicity").inner_text()
    _verb(page, "deliver")
    _verb(page, "execute", {"execution": "罚款已缴清。"})
    _verb(page, "close")
    assert page.get_by_text("已结案").first.is_visible()
    assert axe(page) == []

    page.context.clear_cookies()
    page.goto("/powers/publicity/")
    row = page.locator("#publicity-list tbody tr").first
    text = row.inner_text()
    assert "示发改罚〔2026〕1号" in text and "王**" in text
    assert "王小明" not in page.content() and "13812345678" not in page.content()
    assert axe(page) == []
