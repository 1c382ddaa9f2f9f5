"""Nothing a unit drafts is public until a reviewer approves it; every approved change is a
version shown publicly as the power's history (date and reason)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from opencounty.core.models import AuditEntry
from opencounty.powers import actions
from opencounty.powers.models import Power, PowerVersion
from opencounty.powers.tests.people import draft_power, officer, reviewer

pytestmark = pytest.mark.django_db


def test_a_draft_and_a_pending_change_are_not_public(client):
    writer = officer("T01")
    power = draft_power(writer, "T01", code="QL-T01-001")
    assert client.get("/powers/item/QL-T01-001/").status_code == 404
    actions.submit_for_review(power, writer, reason="首次公布")
    assert client.get("/powers/item/QL-T01-001/").status_code == 404
    assert "QL-T01-001" not in client.get("/powers/").content.decode()


def test_the_reviewer_approves_and_the_public_reads_the_power_with_its_flow_chart(client):
    writer, checker = officer("T01"), reviewer("T01")
    power = draft_power(writer, "T01", code="QL-T01-002")
    actions.submit_for_review(power, writer, reason="首次公布")
    version = actions.approve(power, checker, on=date(2026, 3, 2))
    assert version.number == 1 and version.is_current
    page = client.get("/powers/item/QL-T01-002/").content.decode()
    assert "对未取得许可从事食品经营的处罚" in page
    assert "《中华人民共和国食品安全法》第一百二十二条" in page
    assert 'class="flow-chart"' in page and "调查取证" in page
    assert "2026-03-02" in page and "首次公布" in page
    assert AuditEntry.objects.filter(action="powers.approve", object_id=str(power.pk)).exists()


def test_an_edit_stays_private_until_approved_and_then_becomes_version_two(
    client, django_capture_on_commit_callbacks
):
    writer, checker = officer("T01"), reviewer("T01")
    power = draft_power(writer, "T01", code="QL-T01-003")
    actions.submit_for_review(power, writer, reason="首次公布")
    actions.approve(power, checker, on=date(2026, 3, 2))
    draft_power_again = actions.save_power(
        writer,
        unit=power.unit,
        power=power,
        data={"code": "QL-T01-003", "name": "对无证经营食品的处罚", "category": "penalty"},
        bases=[{"law": "《食品安全法》", "article": "第一百二十二条"}],
        steps=[],
    )
    assert draft_power_again.state == Power.State.DRAFT
    page = client.get("/powers/item/QL-T01-003/").content.decode()
    assert "对未取得许可从事食品经营的处罚" in page and "对无证经营食品的处罚" not in page
    actions.submit_for_review(power, writer, reason="法律修订，名称调整")
    with django_capture_on_commit_callbacks(execute=True):  # approving retires cached pages
        actions.approve(power, checker, on=date(2026, 6, 1))
    page = client.get("/powers/item/QL-T01-003/").content.decode()
    assert "对无证经营食品的处罚" in page
    assert "法律修订，名称调整" in page and "首次公布" in page
    assert list(power.versions.values_list("number", "is_current")) == [(2, True), (1, False)]


def test_a_returned_change_keeps_the_public_version_and_tells_why():
    writer, checker = officer("T01"), reviewer("T01")
    power = draft_power(writer, "T01", code="QL-T01-004")
    actions.submit_for_review(power, writer, reason="首次公布")
    actions.return_for_changes(power, checker, note="依据条款不全")
    power.refresh_from_db()
    assert power.state == Power.State.RETURNED and power.review_note == "依据条款不全"
    assert not PowerVersion.objects.filter(power=power).exists()


def test_an_officer_cannot_approve_and_nothing_is_published():
    writer = officer("T01")
    power = draft_power(writer, "T01", code="QL-T01-005")
    actions.submit_for_review(power, writer, reason="首次公布")
    with pytest.raises(PermissionDenied):
        actions.approve(power, writer)
    assert not PowerVersion.objects.filter(power=power).exists()
    assert AuditEntry.objects.filter(action="powers.approve", outcome="failure").exists()


def test_the_county_office_may_approve_any_units_power(office_headline_reviewer):
    writer = officer("T02")
    power = draft_power(writer, "T02", code="QL-T02-001")
    actions.submit_for_review(power, writer, reason="首次公布")
    assert actions.approve(power, office_headline_reviewer).number == 1


def test_the_service_guide_shows_the_code_of_its_licensing_power(
    client, django_capture_on_commit_callbacks
):
    from opencounty.services.models import ServiceItemPage

    item = ServiceItemPage.objects.live().filter(department__code="D01").first()
    writer, checker = officer("D01"), reviewer("D01")
    power = draft_power(
        writer, "D01", code="QL-D01-XK1", name="某项许可", category="licensing", service_item=item
    )
    assert "QL-D01-XK1" not in client.get(item.url).content.decode()
    actions.submit_for_review(power, writer, reason="首次公布")
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve(power, checker)
    guide = client.get(item.url).content.decode()
    assert 'id="guide-power-code"' in guide and "QL-D01-XK1" in guide
    assert item.title in client.get("/powers/item/QL-D01-XK1/").content.decode()


def test_approving_what_is_not_waiting_is_refused_and_audited():
    writer, checker = officer("T01"), reviewer("T01")
    power = draft_power(writer, "T01", code="QL-T01-006")
    with pytest.raises(actions.PowerRefused, match="不在待审核状态"):
        actions.approve(power, checker)
    assert AuditEntry.objects.filter(
        action="powers.approve", outcome="failure", object_id=str(power.pk)
    ).exists()
    assert not PowerVersion.objects.filter(power=power).exists()
