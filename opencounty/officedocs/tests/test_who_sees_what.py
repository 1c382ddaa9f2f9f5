"""Units see only documents sent by or to them: not the county office that supervises cases,
not the three separated administrators, not a recipient before the document is sent."""

from __future__ import annotations

import pytest

from conftest import persona
from opencounty.core.models import AuditEntry, Role
from opencounty.officedocs import access
from opencounty.officedocs.tests.conftest import draft, sent

pytestmark = pytest.mark.django_db


def test_a_recipient_sees_nothing_of_a_draft(client, county_clerk, chengguan_clerk):
    document = draft(county_clerk)
    client.force_login(chengguan_clerk)
    assert client.get(f"/admin/officedocs/{document.pk}/").status_code == 404
    assert not access.visible_documents(chengguan_clerk).exists()
    client.force_login(county_clerk)
    assert client.get(f"/admin/officedocs/{document.pk}/").status_code == 200


def test_the_county_office_does_not_read_other_units_documents(
    client, county_clerk, county_signer, office_headline_reviewer
):
    document = sent(county_clerk, county_signer)
    client.force_login(office_headline_reviewer)
    assert client.get(f"/admin/officedocs/{document.pk}/").status_code == 404
    assert document.title not in client.get("/admin/officedocs/").content.decode()
    assert not access.visible_documents(office_headline_reviewer).exists()


@pytest.mark.parametrize(
    "role", [Role.SYSTEM_ADMINISTRATOR, Role.SECURITY_ADMINISTRATOR, Role.AUDIT_ADMINISTRATOR]
)
def test_the_three_administrators_see_no_document(client, county_clerk, county_signer, role):
    document = sent(county_clerk, county_signer)
    administrator = persona(f"admin_{role}", "001", role)
    client.force_login(administrator)
    attachment = document.attachments.get()
    for address in (
        "/admin/officedocs/",
        "/admin/officedocs/sent/",
        f"/admin/officedocs/{document.pk}/",
        f"/admin/officedocs/{document.pk}/attachments/{attachment.pk}/",
    ):
        response = client.get(address)
        # Wagtail answers a refused admin screen by sending the person back to the dashboard.
        assert response.status_code == 302 and response["Location"] == "/admin/", address
        assert document.title not in client.get(address, follow=True).content.decode()
    assert not access.visible_documents(administrator).exists()


def test_an_unknown_document_is_not_found_and_the_try_is_audited(client, chengguan_clerk):
    client.force_login(chengguan_clerk)
    assert client.get("/admin/officedocs/999999/").status_code == 404
    entry = AuditEntry.objects.filter(action="officedocs.open_refused").first()
    assert entry.actor == chengguan_clerk and entry.details == {"document_id": 999999}


def test_an_attachment_of_another_document_is_not_served_through_mine(
    client, county_clerk, county_signer, chengguan_clerk
):
    mine = sent(county_clerk, county_signer, codes=["T01"])
    theirs = sent(county_clerk, county_signer, codes=["T02"], title="只发青石镇的通知")
    client.force_login(chengguan_clerk)
    other = theirs.attachments.get()
    assert client.get(f"/admin/officedocs/{mine.pk}/attachments/{other.pk}/").status_code == 404


def test_the_sender_sees_the_inbox_of_no_one_else(
    client, county_clerk, county_signer, qingshi_clerk
):
    sent(county_clerk, county_signer, codes=["T01"])
    client.force_login(qingshi_clerk)
    assert "关于做好" not in client.get("/admin/officedocs/").content.decode()
    assert "暂无收文" in client.get("/admin/officedocs/").content.decode()
