"""A citizen on a phone finds a service item by life event, reads its guide with the flow
chart and downloads the blank form; the hall's pages are axe-clean."""

import pytest
from django.core.files.base import ContentFile

from e2e.test_disclosure_journey import assert_accessible
from opencounty.services.models import ServiceIndexPage, ServiceItemPage

pytestmark = pytest.mark.browser


def schooling_item() -> ServiceItemPage:
    """A live demo item for 教育入学 with a blank form to download."""
    for item in ServiceItemPage.objects.live().order_by("code"):
        if "schooling" in item.life_events and item.materials.filter(blank_form__isnull=False):
            return item
    raise AssertionError("the demo county has no live schooling item with a blank form")


def with_file_in_this_tests_media(document) -> None:
    """The session's county was built before this test moved MEDIA_ROOT to a temporary folder."""
    storage = document.file.storage
    if not storage.exists(document.file.name):
        storage.save(document.file.name, ContentFile(b"%PDF-1.4\n%%EOF\n"))


def test_a_citizen_finds_an_item_by_life_event_reads_the_guide_and_downloads_the_form(phone, axe):
    item = schooling_item()
    material = item.materials.filter(blank_form__isnull=False).first()
    with_file_in_this_tests_media(material.blank_form)
    tab = phone
    tab.goto("/")
    tab.get_by_role("navigation", name="主导航").get_by_role("link", name="办事服务").click()
    tab.get_by_role("link", name="个人办事", exact=True).click()
    assert tab.get_by_role("heading", level=1).inner_text() == "个人办事（按人生事件）"
    tab.get_by_role("link", name="教育入学").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "教育入学"
    tab.get_by_role("link", name=item.title, exact=True).click()
    assert tab.get_by_role("heading", level=1).inner_text() == item.title

    chart = tab.get_by_role("img", name=f"办理流程图：{item.title}")
    assert chart.is_visible()
    assert tab.locator("svg.flow-chart g.flow-step").count() == item.steps.count()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390 + 1

    with tab.expect_download() as download_info:
        tab.get_by_role("link", name=f"下载空白表格：{material.name}").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"


def test_the_hall_pages_have_no_serious_accessibility_violations(page, axe):
    hall = ServiceIndexPage.objects.live().order_by("depth").first()
    item = schooling_item()
    for url in [
        hall.url,
        hall.url + "life-events/",
        hall.url + "life-events/schooling/",
        hall.url + "windows/",
        item.url,
        item.url + "print/",
    ]:
        page.goto(url)
        assert_accessible(page, axe)
