"""Browser tests: Playwright drives Debian's Chromium against Django's live server.

Outside CI they skip with a message when Chromium is absent; in CI (CI=true)
a missing browser is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() == "true"

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _require(condition: bool, message: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(message + " (required in CI)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _require(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def county(transactional_db):
    from conftest import build_small_county

    build_small_county()


@pytest.fixture
def page(browser, live_server, county):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def phone(browser, live_server, county):
    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
    )
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def axe():
    _require(AXE.exists(), "axe-core not installed: run `npm ci --prefix e2e` (make test does it)")

    def check(tab) -> list[dict]:
        # Evaluated through the browser's debugging protocol: the site's Content-Security-Policy
        # rightly refuses an injected inline script tag.
        # Let entrance animations (Wagtail's messages fade in) end first: a colour caught
        # half-way is not the colour a person reads.
        tab.evaluate(
            "() => Promise.all(document.getAnimations()"
            ".filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)"
            ".map(a => a.finished.catch(() => null)))"
        )
        if not tab.evaluate("typeof window.axe !== 'undefined'"):
            tab.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
        result = tab.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        )
        return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]

    return check
