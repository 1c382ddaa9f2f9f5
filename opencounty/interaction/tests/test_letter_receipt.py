"""The receipt of a mailbox letter: printable, reachable by the writer's browser only, and the
receipt number and query code by SMS or e-mail when the writer asks, once each."""

import logging
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from opencounty.cases import receipt
from opencounty.core.models import CalendarDay, CalendarYear
from opencounty.interaction.models import Letter
from opencounty.interaction.tests.test_mailbox_pages import letter_form
from opencounty.limits import store as limits
from opencounty.services.models import OutboundSMS

pytestmark = pytest.mark.django_db

SUBJECT = "受理编号和查询码"


def submit(client, **overrides) -> tuple[Letter, str, str]:
    """Write a letter through the public form: (letter, query code shown, page)."""
    html = client.post("/interaction/letters/write/", letter_form(client, **overrides))
    html = html.content.decode()
    letter = Letter.objects.select_related("case").latest("case__submitted_at")
    code = re.search(r'id="query-code">([A-Z2-9]{8})<', html).group(1)
    return letter, code, html


def ask(client, letter, code, send=""):
    return client.post(
        "/cases/receipt/",
        {"receipt_number": letter.case.receipt_number, "query_code": code, "send": send},
    )


def copies(smtp_server) -> list:
    return [m for m in smtp_server.messages if SUBJECT in m["Subject"]]


def test_the_acknowledgement_is_a_printable_receipt_with_the_facts(client):
    letter, code, html = submit(client, letter_kind="complaint", email="zhao@example.com")
    case = letter.case
    slip = re.search(r'<section class="receipt-slip".*?</section>', html, re.S).group(0)
    assert "信箱来信回执" in slip and case.receipt_number in slip and code in slip
    assert "建议增设公交站" in slip and "赵*" in slip and "139****2222" in slip
    assert case.submitted_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d") in slip
    assert f"15个工作日，{case.due_on:%Y-%m-%d}前答复" in slip
    # 暂定 exactly when the due date counts a year not entered yet (on any day the tests run).
    assert ("暂定" in slip) == case.due_provisional
    assert "http://testserver/cases/lookup/" in slip and "办件查询" in slip
    assert "打印回执" in html and "js/article-tools.js" in html
    assert "<script>" not in html  # the public CSP allows no inline script
    assert "用短信发送到 139****2222" in html and "用电子邮件发送到 z***@example.com" in html
    assert "13911112222" not in html and "zhao@example.com" not in html


def test_a_due_date_in_a_year_not_entered_is_marked_provisional():
    moment = datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment):
        CalendarYear.objects.filter(year__gte=2027).delete()
        CalendarDay.objects.filter(date__year__gte=2027).delete()
        client = Client()
        letter, code, html = submit(client, letter_kind="complaint")
        assert letter.case.due_on > date(2026, 12, 31) and letter.case.due_provisional
        assert f"{letter.case.due_on:%Y-%m-%d}前答复" in html and "（暂定）" in html
        again = ask(client, letter, code).content.decode()
        assert "（暂定）" in again and "当年节假日安排尚未公布" in again


def test_the_receipt_opens_again_in_the_writers_browser_only(client):
    letter, code, _html = submit(client)
    mine = ask(client, letter, code)
    assert mine.status_code == 200 and letter.case.receipt_number in mine.content.decode()
    assert code in mine.content.decode() and "no-cache" in mine["Cache-Control"]
    stranger = ask(Client(), letter, code)
    assert stranger.status_code == 403 and code not in stranger.content.decode()
    assert "回执只能在提交时使用的浏览器上" in stranger.content.decode()
    wrong = ask(client, letter, "AAAAAAAA")
    assert wrong.status_code == 403 and "AAAAAAAA" not in wrong.content.decode()


def test_the_receipt_is_not_opened_after_the_window_even_in_a_longer_session(client, settings):
    settings.SESSION_COOKIE_AGE = 3 * receipt.RECEIPT_WINDOW_SECONDS
    letter, code, _html = submit(client)
    later = letter.case.submitted_at.timestamp() + receipt.RECEIPT_WINDOW_SECONDS - 60
    with time_machine.travel(later):
        assert ask(client, letter, code).status_code == 200
    later = letter.case.submitted_at.timestamp() + receipt.RECEIPT_WINDOW_SECONDS + 60
    with time_machine.travel(later):
        assert ask(client, letter, code).status_code == 403


def test_the_code_goes_by_sms_through_the_outbox_once(client, settings, caplog):
    settings.SMS_BACKEND = "logging"
    letter, code, _html = submit(client)
    with caplog.at_level(logging.INFO, logger="opencounty.services.sms"):
        sent = ask(client, letter, code, "sms")
    assert sent.status_code == 200
    assert "已用短信发送到您的手机" in sent.content.decode()
    assert "13911112222" in caplog.text and code in caplog.text  # what the gateway got
    (row,) = OutboundSMS.objects.all()
    assert row.phone == "13911112222" and row.status == OutboundSMS.Status.SENT
    assert letter.case.receipt_number in row.text and code not in row.text
    again = ask(client, letter, code, "sms")
    assert again.status_code == 400 and "每次提交只能发送一次" in again.content.decode()
    assert OutboundSMS.objects.count() == 1


def test_the_code_goes_by_mail_through_a_real_smtp_server_once(client, smtp_server):
    letter, code, _html = submit(client, email="zhao@example.com")
    sent = ask(client, letter, code, "email")
    assert sent.status_code == 200 and "已发送到您的电子邮箱" in sent.content.decode()
    (mail,) = copies(smtp_server)
    assert "zhao@example.com" in mail["X-Rcpt-To"]
    body = mail.get_content()
    assert letter.case.receipt_number in body and code in body and "办件查询" in body
    again = ask(client, letter, code, "email")
    assert again.status_code == 400 and "已经发送过" in again.content.decode()
    assert len(copies(smtp_server)) == 1


def test_no_copy_where_the_writer_gave_no_address(client, smtp_server):
    letter, code, html = submit(client, phone="0571-88886666", email="")
    assert "用短信发送到" not in html and "用电子邮件发送到" not in html
    for channel in ("sms", "email", "fax"):
        refused = ask(client, letter, code, channel)
        assert refused.status_code == 400 and "无法发送" in refused.content.decode()
    assert copies(smtp_server) == [] and not OutboundSMS.objects.exists()


def test_one_client_asking_too_often_is_held_back(client, smtp_server):
    letter, code, _html = submit(client, email="zhao@example.com")
    for _ in range(receipt.COPIES_PER_HOUR):
        limits.hit(receipt.CLIENT_SCOPE, "127.0.0.1", seconds=3600)
    held = ask(client, letter, code, "email")
    assert held.status_code == 429 and "过于频繁" in held.content.decode()
    assert copies(smtp_server) == []


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"receipt_number": "XX2026000001"},
        {"receipt_number": "X" * 5000, "query_code": "Y" * 5000, "send": "Z" * 5000},
        {"receipt_number": "\x00", "query_code": "\x00", "send": "\x00"},
        {"receipt_number": "'; DROP TABLE cases_case; --", "query_code": "<script>"},
    ],
)
def test_strange_input_is_refused_without_a_500(client, data):
    submit(client)
    response = client.post("/cases/receipt/", data)
    assert response.status_code == 403 and "无法打开回执" in response.content.decode()


def test_strange_input_with_the_right_case_is_no_500(client):
    letter, code, _html = submit(client)
    for send in ("\x00", "短信", "x" * 11, "SMS"):
        response = ask(client, letter, code, send)
        assert response.status_code in (400, 403), send
    assert client.get("/cases/receipt/").status_code == 405


def test_an_error_report_gets_the_same_receipt_and_copy(client, smtp_server):
    from opencounty.interaction.tests.test_error_reports import _form_data, article_of

    address = f"http://testserver{article_of('T01').url}"
    html = client.post("/error-report/", _form_data(client, page_url=address)).content.decode()
    number = re.search(r'id="receipt-number">([^<]+)<', html).group(1)
    code = re.search(r'id="query-code">([A-Z2-9]{8})<', html).group(1)
    assert "网站纠错回执" in html
    assert "打印回执" in html and "用电子邮件发送到 z***@example.org" in html
    data = {"receipt_number": number, "query_code": code, "send": "email"}
    assert "已发送到您的电子邮箱" in client.post("/cases/receipt/", data).content.decode()
    assert client.post("/cases/receipt/", data).status_code == 400
    assert Client().post("/cases/receipt/", data).status_code == 403
    (mail,) = copies(smtp_server)
    assert number in mail.get_content() and code in mail.get_content()
