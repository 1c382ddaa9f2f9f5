"""账号设置 → 手机号码: a staff member enters their own mobile number (where reminders such as
公文催办 are texted); a wrong number is refused in Chinese and nothing is stored."""

import pytest
from bs4 import BeautifulSoup

from conftest import persona
from opencounty.accounts.models import StaffProfile
from opencounty.core.models import Role

pytestmark = pytest.mark.django_db


def _form_data(client) -> dict:
    page = BeautifulSoup(client.get("/admin/account/").content.decode(), "html.parser")
    form = page.select_one("form[method=post]") or page.select_one("form")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        kind = field.get("type", "")
        if kind in {"checkbox", "radio"} and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen.get("value", "") if chosen else ""
        elif field.name == "textarea":
            data[field["name"]] = field.text
        elif kind != "file":
            data[field["name"]] = field.get("value", "")
    return data


def test_a_staff_member_sets_their_mobile_number(client):
    user = persona("cg_clerk", "T01", Role.INFORMATION_OFFICER)
    client.force_login(user)
    data = _form_data(client)
    assert "staff_mobile-mobile" in data
    # Wagtail's own panel needs a name and an e-mail address.
    data |= {"name_email-last_name": "王", "name_email-email": "cg-clerk@example.org"}
    response = client.post("/admin/account/", {**data, "staff_mobile-mobile": "12345"})
    assert "请填写正确的11位手机号码" in response.content.decode()
    assert not StaffProfile.objects.filter(user=user).exists()
    response = client.post("/admin/account/", {**data, "staff_mobile-mobile": "138 0000 0002"})
    errors = BeautifulSoup(response.content.decode(), "html.parser").select(".error-message")
    assert response.status_code == 302, [e.get_text(strip=True) for e in errors] + sorted(data)
    assert StaffProfile.objects.get(user=user).mobile == "13800000002"
