"""三员分立: the system, security and audit administrators handle no cases and read no
citizen's data (issue 11, V2), while the office's handling staff still supervise every unit."""

import json

import pytest

from conftest import persona
from opencounty.cases import actions as cases
from opencounty.core.access import is_administrator, is_unit_staff, sees_every_unit
from opencounty.core.models import Role
from opencounty.disclosure.tests.test_disclosure_requests import apply

ADMINISTRATORS = [Role.SYSTEM_ADMINISTRATOR, Role.SECURITY_ADMINISTRATOR, Role.AUDIT_ADMINISTRATOR]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ADMINISTRATORS)
def test_an_administrator_of_the_office_reads_no_case_and_is_offered_no_verb(client, role):
    admin = persona(f"admin_{role}", "001", role)
    request, _ = apply()
    case = request.case
    assert is_administrator(admin) and not is_unit_staff(admin) and not sees_every_unit(admin)
    assert not cases.can_handle(admin, case)
    assert not cases.visible_cases(admin, "disclosure").exists()
    client.force_login(admin)
    for url in [
        f"/admin/disclosure-requests/{case.pk}/",
        f"/admin/disclosure-requests/{case.pk}/id-document/",
        "/admin/supervision/",
    ]:
        assert client.get(url).status_code in (302, 403), url
    inbox = client.get("/admin/disclosure-requests/").content.decode()
    assert case.receipt_number not in inbox
    menu = client.get("/admin/").content.decode()
    for url in ("/admin/disclosure-requests/", "/admin/letters/", "/admin/supervision/"):
        assert f'"url": "{url}"' not in menu, url
    assert json.dumps("依申请公开")[1:-1] not in menu


@pytest.mark.django_db
def test_the_offices_handling_staff_still_supervise_every_unit(client, dispatcher):
    request, _ = apply()
    assert sees_every_unit(dispatcher) and cases.can_handle(dispatcher, request.case)
    client.force_login(dispatcher)
    assert client.get(f"/admin/disclosure-requests/{request.case.pk}/").status_code == 200
    menu = client.get("/admin/").content.decode()
    assert json.dumps("依申请公开")[1:-1] in menu and '"url": "/admin/supervision/"' in menu
