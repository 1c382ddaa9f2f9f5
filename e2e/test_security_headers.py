"""Issue 11 §9: the Content-Security-Policy is strict on the public site and nothing a visitor
or a member of staff uses is blocked by it (a blocked script would be reported in the console)."""

import pytest

from conftest import persona
from e2e.test_review_journey import log_in
from opencounty.core.models import Role
from opencounty.portal.models import ArticlePage

pytestmark = pytest.mark.browser


def _watch_csp(tab) -> list[str]:
    reports: list[str] = []
    tab.on(
        "console",
        lambda message: (
            reports.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return reports


def test_public_pages_run_under_the_strict_policy_with_nothing_blocked(page):
    reports = _watch_csp(page)
    article = ArticlePage.objects.live().first()
    for url in [
        "/",
        article.url,
        "/search/?q=政府",
        "/interaction/letters/write/",
        "/cases/lookup/",
    ]:
        response = page.goto(url)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "'unsafe-inline'" not in policy
        assert "frame-ancestors 'none'" in policy
    # The article tools are our own script: it runs and shows the print button.
    page.goto(article.url)
    assert page.locator("button.print-page").first.is_visible()
    # An inline script an attacker slipped into the page would not run.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 1';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("window.pwned") is None
    assert any("Content Security Policy" in text for text in reports)
    reports.clear()
    page.goto("/")
    assert reports == []


def test_the_admin_works_under_its_policy(page):
    persona("csp_officer", "T01", Role.INFORMATION_OFFICER)
    reports = _watch_csp(page)
    log_in(page, "csp_officer")
    response = page.goto("/admin/")
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    page.goto("/admin/pages/")
    assert reports == []
