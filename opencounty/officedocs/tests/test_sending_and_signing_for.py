"""The county government sends a document to two townships and the education bureau: 城关镇
signs for it, 青石镇 returns it with a reason, the bureau does nothing. The sender's tracking
table shows each, the bureau's row red once its sign-for day has passed; a reminder reaches
the bureau by mail and is audited; 发改局, which got nothing, can open neither the document
nor its attachment."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from opencounty.core.models import AuditEntry
from opencounty.officedocs import actions
from opencounty.officedocs.models import Delivery, OfficialDocument
from opencounty.officedocs.tests.conftest import SHANGHAI, draft, pdf, sent, unit

pytestmark = pytest.mark.django_db


def at(day: int, hour: int = 10) -> time_machine.travel:
    return time_machine.travel(datetime(2026, 11, day, hour, tzinfo=SHANGHAI), tick=False)


def tracking_rows(response) -> dict[str, dict]:
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return {
        row["data-unit"]: {
            "state": row["data-state"],
            "warning": row["data-warning"],
            "text": row.get_text(" ", strip=True),
        }
        for row in page.select("table.officedocs-tracking tbody tr")
    }


def test_a_document_goes_out_is_signed_for_returned_tracked_and_reminded(
    client,
    county_clerk,
    county_checker,
    county_signer,
    chengguan_clerk,
    qingshi_clerk,
    education_clerk,
    planning_clerk,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    # The clerk drafts, with an attachment.
    client.force_login(county_clerk)
    with at(2):
        response = client.post(
            "/admin/officedocs/new/",
            {
                "unit": unit("000").pk,
                "prefix": "示政办发",
                "title": "关于做好今冬明春森林防火工作的通知",
                "urgency": "urgent",
                "secrecy": "none",
                "main_recipients": "各乡镇人民政府",
                "body": "现就做好今冬明春森林防火工作通知如下。",
                "copied_to": "县委办公室",
                "attachments": [pdf()],
            },
        )
    assert response.status_code == 302, response.content.decode()
    document = OfficialDocument.objects.get(title="关于做好今冬明春森林防火工作的通知")
    assert document.state == OfficialDocument.State.DRAFT and document.number == ""
    attachment = document.attachments.get()

    # The clerk sends it to the checker (核稿), who passes it to the signer.
    with at(2):
        assert client.post(f"/admin/officedocs/{document.pk}/submit/").status_code == 302
        client.force_login(county_checker)
        page = client.get(f"/admin/officedocs/{document.pk}/").content.decode()
        assert "核稿通过，送签发" in page
        response = client.post(f"/admin/officedocs/{document.pk}/check/", {"opinion": "文字已核。"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == OfficialDocument.State.SIGNING
    assert document.checked_by == county_checker

    # The unit's leader signs it off and sends it to the two townships (by group) and the bureau.
    client.force_login(county_signer)
    with at(2), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/officedocs/{document.pk}/send/",
            {"groups": ["townships"], "units": [unit("D02").pk]},
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.number == "示政办发〔2026〕1号"
    assert str(document.sign_for_due_on) == "2026-11-04"
    assert set(document.deliveries.values_list("unit__code", flat=True)) == {"T01", "T02", "D02"}
    assert "示政办发〔2026〕1号" in smtp_server.to("cg-clerk@example.org")[0]["Subject"]

    # 城关镇 opens it, reads the attachment and signs for it.
    client.force_login(chengguan_clerk)
    with at(3):
        page = client.get(f"/admin/officedocs/{document.pk}/")
        assert "关于做好今冬明春森林防火工作的通知" in page.content.decode()
        download = client.get(f"/admin/officedocs/{document.pk}/attachments/{attachment.pk}/")
        assert download.status_code == 200 and b"".join(download.streaming_content).startswith(
            b"%PDF"
        )
        assert client.post(f"/admin/officedocs/{document.pk}/sign/").status_code == 302
    signed = Delivery.objects.get(document=document, unit__code="T01")
    assert signed.state == Delivery.State.SIGNED and signed.signed_by == chengguan_clerk
    assert signed.register_number == "城关镇收〔2026〕1号"

    # 青石镇 returns it with a reason; the county's clerk hears of it.
    client.force_login(qingshi_clerk)
    with at(3), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/officedocs/{document.pk}/return/",
            {"reason": "本镇不涉及林区，请核实主送范围。"},
        )
    assert response.status_code == 302
    returned = Delivery.objects.get(document=document, unit__code="T02")
    assert returned.state == Delivery.State.RETURNED
    assert returned.return_reason == "本镇不涉及林区，请核实主送范围。"
    assert "退文" in smtp_server.to("county-clerk@example.org")[0]["Subject"]

    # 发改局 got nothing: neither the document nor its attachment, and both tries are audited.
    client.force_login(planning_clerk)
    refused_before = AuditEntry.objects.filter(action="officedocs.open_refused").count()
    assert client.get(f"/admin/officedocs/{document.pk}/").status_code == 404
    assert (
        client.get(f"/admin/officedocs/{document.pk}/attachments/{attachment.pk}/").status_code
        == 404
    )
    assert client.post(f"/admin/officedocs/{document.pk}/sign/").status_code == 404
    refused = AuditEntry.objects.filter(action="officedocs.open_refused")
    assert refused.count() == refused_before + 3
    assert refused.first().actor == planning_clerk
    assert "关于做好" not in client.get("/admin/officedocs/").content.decode()

    # On the sign-for day the bureau's row is yellow; two days later it is red.
    with at(4):
        client.force_login(county_clerk)  # staff sessions end after 10 idle minutes
        rows = tracking_rows(client.get(f"/admin/officedocs/{document.pk}/"))
    assert rows["D02"]["warning"] == "yellow"
    with at(6):
        client.force_login(county_clerk)
        response = client.get(f"/admin/officedocs/{document.pk}/")
    rows = tracking_rows(response)
    assert rows["T01"]["state"] == "signed" and rows["T01"]["warning"] == ""
    assert "城关镇收〔2026〕1号" in rows["T01"]["text"]
    assert rows["T02"]["state"] == "returned" and "请核实主送范围" in rows["T02"]["text"]
    assert rows["D02"]["state"] == "pending" and rows["D02"]["warning"] == "red"
    assert "已超期" in rows["D02"]["text"]
    assert BeautifulSoup(response.content.decode(), "html.parser").select_one(
        '[data-unit="D02"] .case-warning--red'
    )

    # The clerk reminds: only the bureau is mailed, and the reminder is audited.
    with at(6), django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/officedocs/{document.pk}/remind/").status_code == 302
    reminders = [m for m in smtp_server.messages if "催办" in m["Subject"]]
    assert [m["X-Rcpt-To"] for m in reminders] == ["jy-clerk@example.org"]
    entry = AuditEntry.objects.filter(action="officedocs.remind").first()
    assert entry.actor == county_clerk and entry.details["units"] == ["D02"]
    bureau = Delivery.objects.get(document=document, unit__code="D02")
    assert bureau.reminders == 1
    with at(6):
        assert (
            "1 次" in tracking_rows(client.get(f"/admin/officedocs/{document.pk}/"))["D02"]["text"]
        )


def test_the_outbox_counts_each_documents_deliveries_by_state(
    client, county_clerk, county_signer, chengguan_clerk, qingshi_clerk
):
    document = sent(county_clerk, county_signer)
    actions.sign_for(chengguan_clerk, document.deliveries.get(unit__code="T01"))
    actions.return_document(qingshi_clerk, document.deliveries.get(unit__code="T02"), reason="重复")
    draft(county_clerk, title="尚未签发的草稿")
    client.force_login(county_clerk)
    page = BeautifulSoup(client.get("/admin/officedocs/sent/").content.decode(), "html.parser")
    rows = [row.get_text(" ", strip=True) for row in page.select("tbody tr")]
    assert rows[0].startswith("— 尚未签发的草稿") and "草稿" in rows[0]
    assert "示政办发〔2026〕1号" in rows[1]
    assert "未签收 1，已签收 1，已退回 1，已办结 0" in rows[1]
