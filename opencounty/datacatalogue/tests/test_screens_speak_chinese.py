"""The catalogue's screens, with the demo catalogue in them, read in Chinese (the county-wide
walk in core finds them empty in the small test county)."""

import pytest
from django.test import Client

from conftest import persona
from opencounty.core.models import Role
from opencounty.core.tests.admin_text import english_in, read_screen
from opencounty.datacatalogue.models import Resource, SharingRequest


@pytest.mark.parametrize(
    ("username", "unit_code", "role"),
    [("cg", "T01", Role.INFORMATION_OFFICER), ("office", "001", Role.HEADLINE_REVIEWER)],
)
def test_catalogue_and_sharing_screens_read_in_chinese(demo_catalogue, username, unit_code, role):
    client = Client()
    client.force_login(persona(username, unit_code, role))
    some = Resource.objects.filter(state="published").first()
    sharing = SharingRequest.objects.filter(case__state="granted").first()
    screens = [
        "/admin/datacatalogue/",
        "/admin/datacatalogue/?scope=all",
        "/admin/datacatalogue/new/",
        f"/admin/datacatalogue/{some.pk}/",
        "/admin/datacatalogue/requests/",
        "/admin/data-sharing/",
        f"/admin/data-sharing/{sharing.case.pk}/",
        f"/admin/datacatalogue/requests/{sharing.pk}/",
    ]
    found = []
    for url in screens:
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        for text in read_screen(response.content.decode()).texts:
            if english := english_in(text):
                found.append(f"{url}: {english} in {text[:80]}")
    assert not found, "\n".join(found)
