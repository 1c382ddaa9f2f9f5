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


# V1: the administrators cannot escalate, and every change is in the hash-chained log.


def _user_form(**values) -> dict:
    data = {
        "username": "newcomer",
        "email": "newcomer@example.org",
        "first_name": "新",
        "last_name": "人",
        "password1": "Xq7-long-Password",
        "password2": "Xq7-long-Password",
        "is_active": "on",
    }
    data.update(values)
    return data


@pytest.mark.django_db
def test_the_system_administrator_cannot_make_a_superuser_or_give_roles(client):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from opencounty.core.models import AuditEntry

    sysadmin = persona("v1_sysadmin", "001", Role.SYSTEM_ADMINISTRATOR)
    audit_group = Group.objects.get(
        unit_role__unit__code="001", unit_role__role=Role.AUDIT_ADMINISTRATOR
    )
    client.force_login(sysadmin)
    response = client.post(
        "/admin/users/new/", _user_form(is_superuser="on", groups=[audit_group.pk])
    )
    assert response.status_code in (200, 302)
    created = get_user_model().objects.get(username="newcomer")
    assert not created.is_superuser and not created.groups.exists()
    assert AuditEntry.objects.filter(action="account.create", object_id=str(created.pk)).exists()
    # Nor into the audit administrators' group himself.
    client.post(
        f"/admin/users/edit/{sysadmin.pk}/",
        _user_form(username=sysadmin.username, password1="", password2="", groups=[audit_group.pk]),
    )
    assert not sysadmin.groups.filter(pk=audit_group.pk).exists()
    assert not get_user_model().objects.get(pk=sysadmin.pk).is_superuser


@pytest.mark.django_db
def test_the_system_administrator_cannot_take_over_another_administrators_account(client):
    from django.contrib.auth import get_user_model

    sysadmin = persona("v1_sysadmin2", "001", Role.SYSTEM_ADMINISTRATOR)
    auditor = persona("v1_auditor", "001", Role.AUDIT_ADMINISTRATOR)
    client.force_login(sysadmin)
    client.post(
        f"/admin/users/edit/{auditor.pk}/",
        _user_form(
            username=auditor.username, password1="Taken-0ver-123", password2="Taken-0ver-123"
        ),
    )
    assert get_user_model().objects.get(pk=auditor.pk).check_password("persona-password-1")


@pytest.mark.django_db
def test_the_security_administrator_assigns_roles_to_others_but_never_to_himself(client):
    from django.contrib.auth.models import Group

    from opencounty.core.models import AuditEntry

    secadmin = persona("v1_secadmin", "001", Role.SECURITY_ADMINISTRATOR)
    officer = persona("v1_officer", "T01", Role.INFORMATION_OFFICER)
    audit_group = Group.objects.get(
        unit_role__unit__code="001", unit_role__role=Role.AUDIT_ADMINISTRATOR
    )
    reviewer_group = Group.objects.get(unit_role__unit__code="T01", unit_role__role=Role.REVIEWER)
    client.force_login(secadmin)
    # He may not edit any role's permissions (no more auth.change_group).
    assert client.get(f"/admin/groups/edit/{audit_group.pk}/").status_code in (302, 403)
    # Nor give himself a role, nor change an account's details.
    client.post(
        f"/admin/users/edit/{secadmin.pk}/",
        _user_form(username=secadmin.username, password1="", password2="", groups=[audit_group.pk]),
    )
    assert not secadmin.groups.filter(pk=audit_group.pk).exists()
    current = list(officer.groups.values_list("pk", flat=True))
    client.post(
        f"/admin/users/edit/{officer.pk}/",
        _user_form(
            username=officer.username,
            email="changed@example.org",
            password1="",
            password2="",
            groups=current + [reviewer_group.pk],
        ),
    )
    officer.refresh_from_db()
    assert officer.groups.filter(pk=reviewer_group.pk).exists()
    assert officer.email != "changed@example.org"
    entry = AuditEntry.objects.filter(action="account.roles", object_id=str(officer.pk)).latest(
        "id"
    )
    assert entry.actor_id == secadmin.pk and reviewer_group.name in entry.details["roles"]


@pytest.mark.django_db
def test_the_audit_administrator_only_reads(client):
    auditor = persona("v1_reader", "001", Role.AUDIT_ADMINISTRATOR)
    client.force_login(auditor)
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/admin/audit_log/").status_code == 200


@pytest.mark.django_db
def test_in_production_a_superuser_needs_a_current_break_glass_grant(client, settings):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from opencounty.core.models import AuditEntry

    settings.PRODUCTION = True
    root = get_user_model().objects.create_superuser("v1_root", "root@example.org", "x")
    client.force_login(root)
    response = client.get("/admin/")
    assert response.status_code == 403 and "超级管理员权限已结束" in response.content.decode()
    root.refresh_from_db()
    assert not root.is_superuser
    call_command("breakglass", "v1_root", "--minutes", "30", "--reason", "恢复误删的栏目")
    client.force_login(get_user_model().objects.get(pk=root.pk))
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action="breakglass.grant").exists()
    assert AuditEntry.objects.filter(action="breakglass.end").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ADMINISTRATORS)
def test_administrators_keep_no_service_windows(client, role):
    admin = persona(f"win_{role}", "001", role)
    client.force_login(admin)
    assert client.get("/admin/snippets/services/servicewindow/add/").status_code in (302, 403)
