"""A reviewer in production mode: password and question, then binding an authenticator app on
the page the login leads to, then at the next login the code step; a wrong code is refused in
Chinese and the right one opens the dashboard with the last-login notice."""

import base64
import re
import time

import pytest
from django_otp.oath import TOTP

from conftest import PASSWORD, persona
from e2e.test_review_journey import answer_captcha
from opencounty.core.models import Role

pytestmark = pytest.mark.browser


def code_from_secret(secret: str, steps_ahead: int = 0) -> str:
    """What the phone's authenticator app shows for the secret typed into it."""
    key = base64.b32decode(secret.replace(" ", ""))
    clock = TOTP(key)
    clock.time = time.time() + steps_ahead * 30
    return f"{clock.token():06d}"


def password_step(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    answer_captcha(page)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


def test_a_reviewer_binds_an_authenticator_then_logs_in_with_a_code(page, axe, settings):
    settings.STAFF_2FA_REQUIRED = True
    persona("e2e_reviewer", "T01", Role.REVIEWER)

    password_step(page, "e2e_reviewer")
    page.wait_for_url(re.compile(r"/admin/security/enrol/"))
    assert page.get_by_role("heading", name="启用两步验证").is_visible()
    assert page.locator("img[data-otp-qr]").is_visible()
    assert axe(page) == []
    secret = page.locator("[data-otp-secret]").inner_text()
    page.fill("#id_token", code_from_secret(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="绑定并继续").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("[data-last-login]").is_visible()

    # The next login: the password alone leads to the code step.
    password_step(page, "e2e_reviewer")
    page.wait_for_url(re.compile(r"/admin/security/verify/"))
    page.goto("/admin/pages/")
    page.wait_for_url(re.compile(r"/admin/security/verify/"))
    assert page.get_by_role("heading", name="两步验证").is_visible()
    assert axe(page) == []
    page.fill("#id_token", "000000")
    with page.expect_navigation():
        page.get_by_role("button", name="验证并登录").click()
    assert page.locator(".messages").get_by_text("动态口令不正确").is_visible()
    time.sleep(2)  # django-otp makes the next try wait after a wrong code
    page.fill("#id_token", code_from_secret(secret, 1))
    with page.expect_navigation():
        page.get_by_role("button", name="验证并登录").click()
    page.wait_for_url(re.compile(r"/admin/pages/"))
    page.goto("/admin/")
    notice = page.locator("[data-last-login]").inner_text()
    assert "上次登录" in notice and "此后失败尝试" in notice
