"""The receipt of a disclosure request (依申请公开): printable, reachable by the applicant's
browser only, and the query code by SMS or e-mail when the applicant asks, once each."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from opencounty.cases.models import Case
from opencounty.disclosure.tests.test_public_application import VALID
from opencounty.services.models import OutboundSMS

pytestmark = pytest.mark.django_db


def apply(client) -> tuple[Case, str, str]:
    html = client.post("/disclosure/apply/T01/", VALID).content.decode()
    code = re.search(r'id="query-code">([A-Z2-9]{8})<', html).group(1)
    return Case.objects.get(), code, html


def ask(client, case, code, send=""):
    return client.post(
        "/cases/receipt/",
        {"receipt_number": case.receipt_number, "query_code": code, "send": send},
    )


def test_the_acknowledgement_is_a_printable_receipt_with_the_facts(client):
    case, code, html = apply(client)
    slip = re.search(r'<section class="receipt-slip".*?</section>', html, re.S).group(0)
    assert "依申请公开回执" in slip and case.receipt_number in slip and code in slip
    assert "2026年城关镇城乡低保资金发放明细" in slip and "示范县城关镇" in slip
    assert "自确认收到之日起20个工作日内答复" in slip  # the clock starts on registration
    assert "林**" in slip and "138****5678" in slip and "13812345678" not in html
    assert f"{timezone.localtime(case.submitted_at):%Y-%m-%d %H:%M}" in slip
    assert "/cases/lookup/" in slip and "打印回执" in html
    assert "用短信发送到 138****5678" in html and "用电子邮件发送到 a********@example.org" in html


def test_only_the_applicants_browser_opens_the_receipt_again(client):
    case, code, _html = apply(client)
    assert ask(client, case, code).status_code == 200
    other = ask(Client(), case, code)
    assert other.status_code == 403 and code not in other.content.decode()
    assert ask(Client(), case, code, "sms").status_code == 403
    assert not OutboundSMS.objects.exists()


def test_the_copies_go_out_once_by_sms_and_once_by_mail(client, settings, smtp_server):
    settings.SMS_BACKEND = "logging"
    case, code, _html = apply(client)
    assert "已用短信发送到您的手机" in ask(client, case, code, "sms").content.decode()
    assert "已发送到您的电子邮箱" in ask(client, case, code, "email").content.decode()
    for channel in ("sms", "email"):
        again = ask(client, case, code, channel)
        assert again.status_code == 400 and "每次提交只能发送一次" in again.content.decode()
    (row,) = OutboundSMS.objects.all()
    assert row.status == OutboundSMS.Status.SENT and code not in row.text
    (mail,) = [m for m in smtp_server.to("applicant@example.org") if code in m.get_content()]
    assert case.receipt_number in mail.get_content() and "依申请公开" in mail.get_content()


def test_a_failed_sms_is_said_plainly_and_the_code_is_not_kept(client, settings):
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/"  # nothing listens on the discard port
    settings.SMS_GATEWAY_TIMEOUT = 2
    case, code, _html = apply(client)
    failed = ask(client, case, code, "sms")
    assert failed.status_code == 200 and "短信发送失败" in failed.content.decode()
    (row,) = OutboundSMS.objects.all()
    assert row.status == OutboundSMS.Status.FAILED and code not in row.text
