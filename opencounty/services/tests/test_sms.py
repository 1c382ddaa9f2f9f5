"""Text messages: stored before any attempt, delivered by the configured backend, retried
with a growing delay after a gateway failure (against a real local HTTP server)."""

import json
import logging
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from opencounty.services import sms
from opencounty.services.models import OutboundSMS

pytestmark = pytest.mark.django_db


class Gateway:
    """A local SMS gateway that answers 503 to the first `failures` requests, then 200."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.received: list[tuple[dict, dict]] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                gateway.received.append((dict(self.headers), body))
                status = 503 if len(gateway.received) <= gateway.failures else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    with Gateway(failures=1) as running:
        settings.SMS_BACKEND = "http"
        settings.SMS_GATEWAY_URL = running.url
        settings.SMS_GATEWAY_TOKEN = "gateway-token"
        yield running


def test_a_message_is_stored_before_it_is_sent(django_capture_on_commit_callbacks, settings):
    settings.SMS_BACKEND = "logging"
    with django_capture_on_commit_callbacks() as callbacks:
        message = sms.send_sms("13800001234", "您的申请已受理")
        stored = OutboundSMS.objects.get(pk=message.pk)
        assert stored.status == OutboundSMS.Status.PENDING and stored.attempts == 0
    assert len(callbacks) == 1  # delivery waits for the commit
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM services_outboundsms WHERE id = %s", [message.pk])
        assert "13800001234" not in cursor.fetchone()[0]  # encrypted at rest


def test_the_logging_backend_writes_the_message_to_the_log(
    django_capture_on_commit_callbacks, settings, caplog
):
    settings.SMS_BACKEND = "logging"
    with caplog.at_level(logging.INFO, logger="opencounty.services.sms"):
        with django_capture_on_commit_callbacks(execute=True):
            message = sms.send_sms("13800001234", "您的申请已办结")
    message.refresh_from_db()
    assert message.status == OutboundSMS.Status.SENT and message.attempts == 1
    assert "13800001234" in caplog.text and "您的申请已办结" in caplog.text


def test_a_gateway_failure_is_retried_later_with_backoff(
    gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = sms.send_sms("13800001234", "您的申请已受理")
    message.refresh_from_db()
    assert message.status == OutboundSMS.Status.PENDING and message.attempts == 1
    assert "503" in message.last_error
    first_retry = message.next_attempt_at
    assert first_retry - timezone.now() > timedelta(seconds=50)

    assert sms.deliver_pending() == 0  # not due yet
    assert len(gateway.received) == 1
    assert sms.deliver_pending(now=first_retry + timedelta(seconds=1)) == 1
    message.refresh_from_db()
    assert message.status == OutboundSMS.Status.SENT and message.attempts == 2
    assert message.last_error == "" and message.sent_at is not None
    headers, body = gateway.received[-1]
    assert body == {"phone": "13800001234", "text": "您的申请已受理"}
    assert headers["Authorization"] == "Bearer gateway-token"
    assert headers["Content-Type"].startswith("application/json")


def test_the_delay_grows_and_a_message_gives_up_after_the_last_attempt(settings):
    assert sms.retry_delay(1) == timedelta(minutes=1)
    assert sms.retry_delay(3) == timedelta(minutes=4)
    assert sms.retry_delay(20) == timedelta(hours=6)
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/unreachable"
    settings.SMS_MAX_ATTEMPTS = 2
    message = OutboundSMS.objects.create(
        phone="13800001234", text="测试", next_attempt_at=timezone.now()
    )
    sms.attempt(message.pk)
    message = sms.attempt(message.pk)
    assert message.status == OutboundSMS.Status.FAILED and message.attempts == 2
    assert message.last_error


def test_the_command_sends_what_is_due(gateway, capsys):
    gateway.failures = 0
    message = OutboundSMS.objects.create(
        phone="13900002222", text="请补正材料", next_attempt_at=timezone.now()
    )
    later = OutboundSMS.objects.create(
        phone="13900003333", text="稍后", next_attempt_at=timezone.now() + timedelta(hours=1)
    )
    call_command("send_pending_sms")
    assert "1 SMS sent" in capsys.readouterr().out
    message.refresh_from_db()
    later.refresh_from_db()
    assert message.status == OutboundSMS.Status.SENT
    assert later.status == OutboundSMS.Status.PENDING and later.attempts == 0


def test_a_new_send_also_retries_earlier_failures(gateway, django_capture_on_commit_callbacks):
    gateway.failures = 0
    earlier = OutboundSMS.objects.create(
        phone="13900002222",
        text="较早失败的短信",
        attempts=1,
        last_error="HTTP Error 503",
        next_attempt_at=timezone.now() - timedelta(seconds=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        sms.send_sms("13900004444", "新短信")
    earlier.refresh_from_db()
    assert earlier.status == OutboundSMS.Status.SENT
    assert {body["text"] for _h, body in gateway.received} == {"较早失败的短信", "新短信"}
