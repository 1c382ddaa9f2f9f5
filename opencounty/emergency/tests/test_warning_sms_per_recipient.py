"""A warning goes by text message to the chosen contact groups of the chosen units, each
recipient with their own delivery status, which the office reads on the warning's screen."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.emergency import actions
from opencounty.emergency.models import WarningMessage
from opencounty.emergency.tests.people import duty_officer

pytestmark = pytest.mark.django_db

BROKEN_PHONE = "13900000002"


class Gateway(BaseHTTPRequestHandler):
    """The county's SMS gateway: refuses one number, accepts the others."""

    received: list = []

    def do_POST(self):  # noqa: N802 - the server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Gateway.received.append(body)
        self.send_response(500 if body["phone"] == BROKEN_PHONE else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Gateway.received = []
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/"
    settings.SMS_MAX_ATTEMPTS = 1
    yield Gateway
    server.shutdown()


def test_each_recipient_has_its_own_status(gateway, client, django_capture_on_commit_callbacks):
    officer = duty_officer()
    chengguan, qingshi = Unit.objects.get(code="T01"), Unit.objects.get(code="T02")
    actions.add_contact(
        officer,
        unit=chengguan,
        name="张镇长",
        position="镇长",
        group="leader",
        mobile="13900000001",
    )
    actions.add_contact(
        officer, unit=chengguan, name="李值班", position="", group="duty", mobile=BROKEN_PHONE
    )
    actions.add_contact(
        officer, unit=qingshi, name="王书记", position="书记", group="leader", mobile="13900000003"
    )
    actions.add_contact(
        officer, unit=qingshi, name="赵联络", position="", group="liaison", mobile="13900000004"
    )
    with django_capture_on_commit_callbacks(execute=True):
        warning = actions.publish_warning(
            officer,
            kind="rainstorm",
            level="orange",
            area="示范县",
            text="请做好防汛准备。",
            valid_until=timezone.now() + timedelta(hours=3),
            sms_units=[chengguan, qingshi],
            sms_groups=["leader", "duty"],
        )
    statuses = {m.name: m.sms.status for m in WarningMessage.objects.filter(warning=warning)}
    assert statuses == {"张镇长": "sent", "李值班": "failed", "王书记": "sent"}
    assert {r["phone"] for r in gateway.received} == {"13900000001", BROKEN_PHONE, "13900000003"}
    assert all("示范县暴雨橙色预警" in r["text"] for r in gateway.received)

    client.force_login(officer)
    page = client.get(f"/admin/emergency/warnings/{warning.pk}/").content.decode()
    assert page.count('data-status="sent"') == 2 and page.count('data-status="failed"') == 1
    assert "139****0001" in page and "13900000001" not in page  # phones shown masked
