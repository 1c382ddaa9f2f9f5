"""The report 办事指南完整性 lists every item of the staff member's units with what it misses
(the county office sees all); editors see the same on the edit page; supervision counts them."""

import re

import pytest

from conftest import PASSWORD, persona
from opencounty.core.models import Role, Unit
from opencounty.services.completeness import incomplete_guides
from opencounty.services.tests.helpers import make_item

pytestmark = pytest.mark.django_db
REPORT = "/admin/services/completeness/"


@pytest.fixture
def guides():
    return {
        "d01_draft": make_item(
            "D01", "T-D01-300", "测试缺依据事项", live=False, basis="", complaint_phone=""
        ),
        "d01_live": make_item("D01", "T-D01-301", "测试完整事项"),
        "d02_draft": make_item("D02", "T-D02-300", "测试缺时间事项", live=False, hours=""),
    }


def rows(client) -> dict[str, str]:
    page = client.get(REPORT).content.decode()
    found = re.findall(
        r'<tr data-item-code="([^"]+)">.*?<td class="missing">(.*?)</td>', page, re.S
    )
    return dict(found)


def test_a_department_sees_only_its_own_items_with_their_missing_elements(client, guides):
    persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    client.login(username="d01_officer", password=PASSWORD)
    listed = rows(client)
    assert listed["T-D01-300"] == "设定依据、监督投诉电话"
    assert listed["T-D01-301"] == "齐全"
    assert "T-D02-300" not in listed
    assert all(code.startswith(("T-D01", "SFX-D01")) for code in listed)


def test_the_county_office_sees_every_item_live_or_draft(client, guides):
    persona("office_staff", "001", Role.INFORMATION_OFFICER)
    client.login(username="office_staff", password=PASSWORD)
    listed = rows(client)
    assert listed["T-D02-300"] == "办理时间"
    assert {"T-D01-300", "T-D01-301", "T-D02-300"} <= set(listed)
    only = client.get(REPORT + "?incomplete=1").content.decode()
    assert "T-D01-300" in only and "T-D01-301" not in only


def test_someone_without_a_unit_cannot_open_the_report(client, guides, django_user_model):
    django_user_model.objects.create_user(username="visitor", password=PASSWORD, is_staff=True)
    client.login(username="visitor", password=PASSWORD)
    assert client.get(REPORT).status_code in (302, 403)


def test_the_edit_page_shows_the_missing_elements_to_the_editor(client, guides):
    persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    client.login(username="d01_officer", password=PASSWORD)
    page = client.get(f"/admin/pages/{guides['d01_draft'].pk}/edit/").content.decode()
    assert "data-guide-completeness" in page
    assert re.findall(r"<li data-missing-element>(.*?)</li>", page) == ["设定依据", "监督投诉电话"]


def test_incomplete_guides_counts_each_units_incomplete_items_as_last_saved(guides):
    d01, d02, t01 = (Unit.objects.get(code=c) for c in ("D01", "D02", "T01"))
    demo = {
        unit.pk: sum(
            1
            for item in unit.service_items.filter(code__startswith="SFX-")
            if item.missing_elements()
        )
        for unit in (d01, d02)
    }
    counts = incomplete_guides([d01, d02, t01])
    assert counts == {d01.pk: demo[d01.pk] + 1, d02.pk: demo[d02.pk] + 1, t01.pk: 0}

    draft = guides["d01_draft"].get_latest_revision_as_object()
    draft.basis, draft.complaint_phone = "《测试条例》第一条", "0000-12345"
    draft.save_revision()
    assert incomplete_guides([d01])[d01.pk] == demo[d01.pk]


def test_the_report_reads_live_materials_steps_and_questions_as_the_edit_page_does():
    """The report reads only what the check needs of live items' materials, steps and
    questions; item by item it finds what the item's own check finds."""
    from opencounty.services.completeness import guide_report
    from opencounty.services.models import ServiceFAQ, ServiceMaterial, ServiceStep

    no_copies = make_item(
        "D01",
        "T-D01-310",
        "测试缺份数事项",
        materials=[
            ServiceMaterial(name="申请书", form="original", copies=1),
            ServiceMaterial(name="身份证明", form="copy", copies=0),
        ],
    )
    no_steps = make_item("D01", "T-D01-311", "测试缺流程事项", procedure="")
    ServiceStep.objects.filter(item=no_steps).delete()
    steps_in_text = make_item(
        "D01", "T-D01-312", "测试流程说明事项", procedure="窗口受理，当场办结。"
    )
    ServiceStep.objects.filter(item=steps_in_text).delete()
    no_questions = make_item("D01", "T-D01-313", "测试缺问答事项")
    ServiceFAQ.objects.filter(item=no_questions).delete()
    no_materials = make_item("D01", "T-D01-314", "测试缺材料事项")
    ServiceMaterial.objects.filter(item=no_materials).delete()
    report = {item.code: missing for item, missing in guide_report(Unit.objects.all())}
    assert report["T-D01-310"] == ["材料形式和份数"]
    assert report["T-D01-311"] == ["办理流程"]
    assert report["T-D01-312"] == []
    assert report["T-D01-313"] == ["常见问题"]
    assert report["T-D01-314"] == ["申请材料"]
    for item in (no_copies, no_steps, steps_in_text, no_questions, no_materials):
        item.refresh_from_db()
        assert report[item.code] == item.missing_elements(), item.code
