"""Attachments live in private storage: no public URL, served only through the permission check."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from opencounty.officedocs.tests.conftest import sent

pytestmark = pytest.mark.django_db


def test_an_attachment_is_stored_outside_the_public_media_and_has_no_url(
    client, county_clerk, county_signer, chengguan_clerk
):
    document = sent(county_clerk, county_signer, codes=["T01"])
    attachment = document.attachments.get()
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018
    assert attachment.name == "实施方案.pdf"
    client.force_login(chengguan_clerk)
    response = client.get(f"/admin/officedocs/{document.pk}/attachments/{attachment.pk}/")
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
