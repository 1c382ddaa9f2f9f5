"""A township sees and edits only its own powers; the county office sees every unit's."""

import pytest
from django.core.exceptions import PermissionDenied

from conftest import PASSWORD
from opencounty.core.models import Unit
from opencounty.powers import actions
from opencounty.powers.models import Power
from opencounty.powers.tests.people import draft_power, officer, reviewer

pytestmark = pytest.mark.django_db


def test_a_township_cannot_edit_or_create_another_townships_power():
    chengguan, qingshi = officer("T01"), officer("T02")
    power = draft_power(chengguan, "T01", code="QL-A-001")
    with pytest.raises(PermissionDenied):
        actions.save_power(
            qingshi,
            unit=power.unit,
            power=power,
            data={"code": "QL-A-001", "name": "改名", "category": "penalty"},
            bases=[{"law": "某法"}],
            steps=[],
        )
    with pytest.raises(PermissionDenied):
        draft_power(qingshi, "T01", code="QL-A-002")
    with pytest.raises(PermissionDenied):
        actions.submit_for_review(power, qingshi, reason="越权")
    assert Power.objects.get(pk=power.pk).name == "对未取得许可从事食品经营的处罚"


def test_another_townships_reviewer_cannot_approve():
    writer = officer("T01")
    power = draft_power(writer, "T01", code="QL-A-003")
    actions.submit_for_review(power, writer, reason="首次公布")
    with pytest.raises(PermissionDenied):
        actions.approve(power, reviewer("T02"))


def test_the_staff_list_and_pages_show_only_the_units_own_powers(client):
    chengguan, qingshi = officer("T01"), officer("T02")
    power = draft_power(chengguan, "T01", code="QL-A-004")
    client.login(username=qingshi.username, password=PASSWORD)
    assert "QL-A-004" not in client.get("/admin/powers/").content.decode()
    assert client.get(f"/admin/powers/{power.pk}/").status_code == 404
    assert client.get(f"/admin/powers/{power.pk}/edit/").status_code == 404
    client.login(username=chengguan.username, password=PASSWORD)
    assert "QL-A-004" in client.get("/admin/powers/").content.decode()


def test_the_county_office_sees_every_units_powers(client, office_headline_reviewer):
    draft_power(officer("T01"), "T01", code="QL-A-005")
    client.force_login(office_headline_reviewer)
    assert "QL-A-005" in client.get("/admin/powers/").content.decode()


def test_a_staff_form_posting_another_units_id_is_refused(client):
    qingshi = officer("T02")
    client.force_login(qingshi)
    t01 = Unit.objects.get(code="T01")
    response = client.post(
        "/admin/powers/new/",
        {
            "unit": t01.pk,
            "code": "QL-A-006",
            "name": "伪造",
            "category": "penalty",
            "bases-TOTAL_FORMS": "1",
            "bases-INITIAL_FORMS": "0",
            "bases-0-law": "某法",
            "steps-TOTAL_FORMS": "0",
            "steps-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode() or "有效" in response.content.decode()
    assert not Power.objects.filter(code="QL-A-006").exists()
