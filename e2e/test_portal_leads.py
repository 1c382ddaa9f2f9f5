"""A citizen finds the services from the home page; articles print and change text size."""

import re

import pytest

from opencounty.portal.models import ArticlePage, ColumnPage

pytestmark = pytest.mark.browser

ONE_CLICK = [
    # entry, address and heading of the page it opens
    ("办件查询", "/cases/lookup/", "办件查询"),
    ("我要写信", "/interaction/letters/write/", "我要写信"),
    ("在线办事", "/services/", "办事服务"),
]


def _describe(violations):
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def _one_click_each(tab, axe, width: int) -> None:
    tab.goto("/")
    violations = axe(tab)
    assert violations == [], _describe(violations)
    entries = tab.get_by_role("navigation", name="便民服务")
    for label, path, heading in ONE_CLICK:
        tab.goto("/")
        link = entries.get_by_role("link", name=label)
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, f"{label} is easy to tap: {box}"
        with tab.expect_navigation():
            link.click()
        assert tab.evaluate("location.pathname") == path
        assert tab.get_by_role("heading", level=1).inner_text() == heading
        assert tab.evaluate("document.documentElement.scrollWidth") <= width + 1
        violations = axe(tab)
        assert violations == [], f"{label}: {_describe(violations)}"


def test_a_citizen_reaches_lookup_mailbox_and_services_in_one_click_on_a_phone(phone, axe):
    _one_click_each(phone, axe, 390)


def test_a_citizen_reaches_lookup_mailbox_and_services_in_one_click_on_a_desktop(page, axe):
    _one_click_each(page, axe, 1280)


def test_the_entries_are_reached_by_keyboard(page):
    page.goto("/")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.textContent.trim()"))
        if seen[-1].startswith("办件查询"):
            break
    assert seen[-1].startswith("办件查询"), seen
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("location.pathname") == "/cases/lookup/"


def test_the_new_public_pages_have_no_serious_accessibility_violations(page, axe):
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    leaders = ColumnPage.objects.get(kind="leaders")
    for url in ["/sitemap/", article.url, leaders.url, "/services/", "/services/results/"]:
        page.goto(url)
        violations = axe(page)
        assert violations == [], f"{url}: {_describe(violations)}"


def test_an_article_prints_without_the_sites_chrome(page):
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    page.goto(article.url)
    assert page.get_by_role("button", name="打印本页").is_visible()
    page.emulate_media(media="print")
    shown = "el => getComputedStyle(el).display !== 'none'"
    for selector in (".site-header", ".site-footer", ".article-tools", ".article-pager"):
        assert not page.eval_on_selector(selector, shown), selector
    assert page.eval_on_selector(".article .rich-text", shown)
    assert page.eval_on_selector(".print-only", shown)


def test_the_text_size_changes_without_javascript(browser, live_server, county):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        article = ArticlePage.objects.live().order_by("-first_published_at").first()
        tab.goto(article.url)
        assert not tab.get_by_role("button", name="打印本页").is_visible()
        size = (
            "parseFloat(getComputedStyle(document.querySelector('.article .rich-text')).fontSize)"
        )
        standard = tab.evaluate(size)
        tab.get_by_role("link", name=re.compile(r"字号\s*大")).click()
        tab.wait_for_url(f"**{article.url}")
        assert tab.evaluate(size) > standard
        tab.get_by_role("link", name=re.compile(r"字号\s*小")).click()
        tab.wait_for_url(f"**{article.url}")
        assert tab.evaluate(size) < standard
    finally:
        context.close()
