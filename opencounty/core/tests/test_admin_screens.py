import pytest

from conftest import persona
from opencounty.core import audit
from opencounty.core.models import Role, Unit, UnitGroup


@pytest.fixture
def system_admin(db):
    """The county e-government office's system administrator."""
    return persona("office_sysadmin", "001", Role.SYSTEM_ADMINISTRATOR)


@pytest.mark.django_db
def test_the_system_administrator_manages_units_and_the_word_list(client, system_admin):
    client.force_login(system_admin)
    html = client.get("/admin/snippets/core/unit/").content.decode()
    assert "示范县城关镇" in html
    assert client.get("/admin/snippets/core/wordrule/").status_code == 200
    assert "国庆节" in client.get("/admin/snippets/core/calendarday/").content.decode()
    assert "2026" in client.get("/admin/snippets/core/calendaryear/").content.decode()
    assert client.get("/admin/audit_log/").status_code in (302, 403), "no audit powers"


@pytest.mark.django_db
def test_a_new_unit_created_in_the_admin_gets_its_role_groups(client, system_admin):
    client.force_login(system_admin)
    response = client.post(
        "/admin/snippets/core/unit/add/",
        {
            "code": "T99",
            "name": "示范县新设镇",
            "short_name": "新设镇",
            "kind": "township",
            "order": 99,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(code="T99")
    roles = set(UnitGroup.objects.filter(unit=unit).values_list("role", flat=True))
    assert roles == {Role.INFORMATION_OFFICER, Role.REVIEWER, Role.UNIT_ADMINISTRATOR}


@pytest.mark.django_db
def test_only_the_audit_administrator_reads_the_audit_log(client, auditor, chengguan_officer):
    audit.record("test.visible_event", details={"n": 1})
    client.force_login(auditor)
    html = client.get("/admin/audit_log/").content.decode()
    assert "test.visible_event" in html
    assert client.get("/admin/snippets/core/unit/").status_code in (302, 403)
    client.force_login(chengguan_officer)
    assert client.get("/admin/audit_log/").status_code in (302, 403)


@pytest.mark.django_db
def test_the_audit_log_has_no_edit_or_delete_screens(client, auditor):
    entry = audit.record("test.event")
    client.force_login(auditor)
    assert client.get(f"/admin/audit_log/edit/{entry.pk}/").status_code == 404
    assert client.get(f"/admin/audit_log/delete/{entry.pk}/").status_code == 404
