import struct
import zlib

import pytest
from django.utils import timezone
from docx import Document

from conftest import persona
from e2e.test_public_site import _describe
from e2e.test_review_journey import log_in
from opencounty.core.models import Role, Unit
from opencounty.disclosure.models import DisclosureRequest

pytestmark = pytest.mark.browser

DESCRIPTION = "请公开城关镇2025年老旧小区改造项目的资金安排和施工单位名单。"
REPLY = "您申请的老旧小区改造资金安排已在本镇门户“财政资金”栏目公开，现附上施工单位名单。"


def a_small_png() -> bytes:
    """A real 2x2 white PNG, standing in for a photo of an identity card."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\xff\xff" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def shown_as(tab, term: str) -> str:
    """The value a description list shows for a term, as the user reads it."""
    return tab.locator(f"dt:text-is('{term}') + dd").inner_text().strip()


def assert_accessible(tab, axe) -> None:
    violations = axe(tab)
    assert violations == [], f"{tab.url}: {_describe(violations)}"


def test_a_citizen_files_a_request_an_officer_replies_and_the_citizen_reads_it(phone, page, axe):
    unit = Unit.objects.get(code="T01")
    persona("cg_info", "T01", Role.INFORMATION_OFFICER)
    citizen = phone

    citizen.goto("/disclosure/apply/T01/")
    assert citizen.get_by_role("heading", level=1).inner_text() == f"向{unit.name}申请公开政府信息"
    assert_accessible(citizen, axe)
    citizen.get_by_label("申请人类型").select_option(label="自然人")
    citizen.get_by_label("姓名").fill("李秀兰")
    citizen.get_by_label("证件类型").select_option(label="居民身份证")
    citizen.get_by_label("证件号码").fill("11010519491231002x")
    citizen.get_by_label("证件扫描件或照片").set_input_files(
        {"name": "身份证.png", "mimeType": "image/png", "buffer": a_small_png()}
    )
    citizen.get_by_label("联系电话").fill("13800138000")
    citizen.get_by_label("所需信息的内容描述").fill(DESCRIPTION)
    citizen.get_by_role("group", name="获取信息的载体形式").get_by_label("电子").check()
    citizen.get_by_role("group", name="获取信息的方式").get_by_label("网上获取").check()
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交申请").click()

    assert citizen.get_by_role("heading", level=1).inner_text() == "您的申请已提交"
    assert unit.name in citizen.get_by_role("status").inner_text()
    receipt_number = shown_as(citizen, "受理编号")
    query_code = shown_as(citizen, "查询码")
    assert receipt_number.startswith("YSQ") and query_code
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert_accessible(citizen, axe)
    stored = DisclosureRequest.objects.get(case__receipt_number=receipt_number)
    with stored.id_document.open("rb") as kept:
        assert kept.read() == a_small_png(), "the identity document was kept"

    officer = page
    log_in(officer, "cg_info")
    officer.get_by_role("link", name="依申请公开").first.click()
    officer.wait_for_url("**/admin/disclosure-requests/")
    row = officer.get_by_role("row").filter(has_text=receipt_number)
    assert "待登记" in row.inner_text()
    assert DESCRIPTION[:20] in row.inner_text()
    row.get_by_role("link", name=receipt_number).click()
    officer.wait_for_url("**/admin/disclosure-requests/*/")
    assert DESCRIPTION in officer.get_by_role("main").inner_text()
    assert "李秀兰" in officer.get_by_role("main").inner_text()
    assert shown_as(officer, "获取方式") == "电子，网上获取"
    assert "138****8000" in officer.get_by_role("main").inner_text()
    assert "13800138000" not in officer.get_by_role("main").inner_text()

    registration = officer.get_by_role("group", name="登记受理", exact=True)
    assert registration.get_by_label("日期").input_value() == f"{timezone.localdate():%Y-%m-%d}"
    with officer.expect_navigation():
        registration.get_by_role("button", name="登记受理", exact=True).click()
    assert "已完成：登记受理" in officer.content()
    assert "办理中" in officer.locator("header").first.inner_text()

    reply_form = officer.get_by_role("group", name="答复", exact=True)
    reply_form.get_by_label("处理结果").select_option(label="予以公开")
    reply_form.get_by_label("答复内容").fill(REPLY)
    with officer.expect_navigation():
        reply_form.get_by_role("button", name="答复", exact=True).click()
    assert "已完成：答复" in officer.content()
    assert shown_as(officer, "处理结果") == "予以公开"
    assert REPLY in officer.get_by_role("main").inner_text()

    citizen.get_by_role("link", name="查询办理进度").click()
    citizen.wait_for_url("**/cases/lookup/")
    citizen.get_by_label("受理编号").fill(receipt_number)
    citizen.get_by_label("查询码").fill("WRONG1")
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="查询").click()
    assert "未找到办件" in citizen.get_by_role("alert").inner_text()
    assert DESCRIPTION[:20] not in citizen.content()
    assert "已答复" not in citizen.content() and REPLY not in citizen.content()

    citizen.get_by_label("受理编号").fill(receipt_number)
    citizen.get_by_label("查询码").fill(query_code)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="查询").click()
    result = citizen.get_by_role("region", name=receipt_number)
    assert shown_as(result, "状态") == "已答复"
    assert shown_as(result, "承办单位") == unit.name
    assert REPLY in result.inner_text()
    assert citizen.get_by_role("alert").count() == 0
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert_accessible(citizen, axe)
    with citizen.expect_download() as download:
        result.get_by_role("button", name="下载答复书（Word）").click()
    letter = Document(download.value.path())
    assert query_code not in download.value.url
    assert round(letter.sections[0].page_width.mm) == 210
    assert any(REPLY in paragraph.text for paragraph in letter.paragraphs)
