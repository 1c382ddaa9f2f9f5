"""Production's error pages speak Chinese: a bad request, a refusal, a missing page, a crash."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views import defaults

from opencounty.core.tests.admin_text import english_in, read_screen
from opencounty.portal import views as portal_views


def _readable(response) -> list[str]:
    texts = read_screen(response.content.decode()).texts
    assert [text for text in texts if english_in(text)] == []
    return texts


@pytest.mark.django_db
def test_a_request_for_a_host_we_do_not_serve_gets_the_chinese_400_page(settings):
    settings.DEBUG = False
    response = Client().get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "请求有误" in _readable(response)


def test_a_refusal_gets_the_chinese_403_page(rf: RequestFactory):
    response = defaults.permission_denied(rf.get("/cases/"), PermissionDenied())
    assert response.status_code == 403
    assert "没有访问权限" in _readable(response)


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_is_refused_in_chinese(settings):
    settings.DEBUG = False
    response = Client(enforce_csrf_checks=True).post("/error-report/", {"url": "/"})
    assert response.status_code == 403
    assert "页面已过期" in _readable(response)


@pytest.mark.django_db
def test_a_missing_page_and_a_crash_get_chinese_pages(rf: RequestFactory, settings):
    settings.DEBUG = False
    missing = Client().get("/no-such-page-anywhere/")
    assert missing.status_code == 404
    assert "页面不存在" in _readable(missing)
    crash = portal_views.server_error(rf.get("/"))
    assert crash.status_code == 500
    assert "服务器暂时无法处理您的请求" in _readable(crash)
