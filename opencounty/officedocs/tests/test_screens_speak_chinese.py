"""The exchange's screens, as the sender, a recipient in each state and a form with errors
show them, carry no English (the admin walk of test_admin_speaks_chinese finds no document in
the test county, so these screens are read here)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opencounty.core.tests.admin_text import english_in, read_screen
from opencounty.officedocs import actions
from opencounty.officedocs.tests.conftest import draft, sent

pytestmark = pytest.mark.django_db


def english(response) -> list[str]:
    assert response.status_code < 500
    texts = read_screen(response.content.decode()).texts
    return [text for text in texts if english_in(text)]


def test_every_screen_of_the_exchange_is_chinese(
    client, county_clerk, county_signer, chengguan_clerk, qingshi_clerk
):
    waiting = draft(county_clerk, title="待签发的通知")
    document = sent(county_clerk, county_signer, codes=["T01", "T02", "D02"], handle_days=5)
    actions.sign_for(chengguan_clerk, document.deliveries.get(unit__code="T01"))
    actions.return_document(
        qingshi_clerk, document.deliveries.get(unit__code="T02"), reason="不涉及"
    )
    actions.remind(county_clerk, document)
    screens = {
        county_signer: [
            "/admin/officedocs/sent/",
            f"/admin/officedocs/{waiting.pk}/",
            f"/admin/officedocs/{document.pk}/",
            "/admin/officedocs/new/",
        ],
        chengguan_clerk: ["/admin/officedocs/", f"/admin/officedocs/{document.pk}/", "/admin/"],
        qingshi_clerk: [f"/admin/officedocs/{document.pk}/", "/admin/officedocs/?state=returned"],
    }
    for user, addresses in screens.items():
        client.force_login(user)
        for address in addresses:
            assert english(client.get(address)) == [], address
    client.force_login(county_clerk)
    bad = SimpleUploadedFile("a.pdf", b"not a pdf", "application/pdf")
    response = client.post(
        "/admin/officedocs/new/", {"secrecy": "top_secret", "urgency": "x", "attachments": [bad]}
    )
    assert response.status_code == 400 and english(response) == []
    client.force_login(county_signer)
    response = client.post(f"/admin/officedocs/{waiting.pk}/send/", {"units": ["999999"]})
    assert response.status_code == 400 and english(response) == []
