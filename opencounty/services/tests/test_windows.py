"""The service center's windows: a public page with departments and staff, kept by the county
office in the admin."""

import pytest
from django.contrib.auth import get_user_model

from conftest import PASSWORD, persona
from opencounty.core.models import Role, Unit
from opencounty.services.models import ServiceWindow
from opencounty.services.tests.helpers import county_hall, hall_of

pytestmark = pytest.mark.django_db


def test_the_windows_page_lists_each_window_with_its_departments_and_staff(client):
    clerk = get_user_model().objects.create_user(username="clerk", first_name="柳示清")
    window = ServiceWindow.objects.create(number=77, name="测试综合受理", location="一楼东侧")
    window.departments.set(Unit.objects.filter(code__in=["D01", "D02"]))
    window.staff.set([clerk])
    page = client.get(county_hall().url + "windows/").content.decode()
    row = page[page.index('id="window-77"') :]
    row = row[: row.index("</tr>")]
    assert "77 号窗口" in row and "测试综合受理" in row and "一楼东侧" in row
    assert "县发展和改革局、县教育局" in row
    assert "柳示清" in row


def test_only_the_county_hall_has_the_windows_page(client):
    assert client.get(hall_of(Unit.objects.get(code="D01")).url + "windows/").status_code == 404


def test_the_county_office_manages_windows_and_a_department_cannot(client):
    persona("office_staff", "001", Role.INFORMATION_OFFICER)
    persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    url = "/admin/snippets/services/servicewindow/"
    client.login(username="d01_officer", password=PASSWORD)
    assert client.get(url).status_code in (302, 403)
    assert client.get(url + "add/").status_code in (302, 403)
    client.login(username="office_staff", password=PASSWORD)
    assert client.get(url).status_code == 200
    response = client.post(
        url + "add/",
        {
            "number": 88,
            "name": "测试新窗口",
            "location": "",
            "departments": [Unit.objects.get(code="D02").pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    window = ServiceWindow.objects.get(number=88)
    assert list(window.departments.values_list("code", flat=True)) == ["D02"]


def test_a_changed_window_shows_at_once_although_pages_are_cached(
    client, django_capture_on_commit_callbacks
):
    window = ServiceWindow.objects.create(number=79, name="测试旧名称")
    url = county_hall().url + "windows/"
    assert "测试旧名称" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        window.name = "测试新名称"
        window.save()
    assert "测试新名称" in client.get(url).content.decode()
