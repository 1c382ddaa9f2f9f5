"""Sharing between units: a township asks a department for a 有条件共享 resource; the request is
a case on the clock (10 working days, on the supervision board and in 我的待办); a granted
request opens the resource to that unit only, by download or by a token scoped to that
resource and that unit, every use audited; a refusal carries its reason."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied

from opencounty.cases.actions import IllegalTransition
from opencounty.core import calendar
from opencounty.core.models import AuditEntry, Unit
from opencounty.datacatalogue import access, actions
from opencounty.datacatalogue import kind as k
from opencounty.datacatalogue.models import AccessToken, SharingRequest
from opencounty.datacatalogue.tests.conftest import GOOD_CSV, conditional


@pytest.fixture
def shared(jiaoyu_officer, jiaoyu_reviewer, education):
    """A published 有条件共享 resource of 县教育局 with a CSV file."""
    resource = conditional(jiaoyu_officer, education)
    actions.upload_file(resource, jiaoyu_officer, filename="a.csv", data=GOOD_CSV)
    actions.submit_for_review(resource, jiaoyu_officer)
    return actions.publish(resource, jiaoyu_reviewer)


def _ask(resource, officer, delivery="download"):
    return actions.request_sharing(
        resource,
        officer,
        requesting_unit=Unit.objects.get(code="T01"),
        purpose="核验辖区学生入学资格",
        delivery=delivery,
    )


def test_a_request_is_a_case_due_in_ten_working_days(shared, chengguan_officer):
    sharing = _ask(shared, chengguan_officer)
    case = sharing.case
    assert case.kind == "data_sharing" and case.unit == shared.unit
    assert case.state == k.SUBMITTED and case.receipt_number.startswith("GX")
    assert case.due_on == calendar.add_working_days(case.clock_started_on, 10)
    with pytest.raises(actions.CatalogueRefused, match="待答复"):
        _ask(shared, chengguan_officer)
    assert SharingRequest.objects.filter(resource=shared).count() == 1


def test_only_conditional_published_resources_of_other_units_are_asked_for(
    shared, draft, chengguan_officer, jiaoyu_officer
):
    with pytest.raises(actions.CatalogueRefused, match="尚未发布"):
        _ask(draft, chengguan_officer)
    with pytest.raises(PermissionDenied):
        _ask(shared, jiaoyu_officer)  # not a member of 城关镇
    assert AuditEntry.objects.filter(action="datacatalogue.request", outcome="failure").count() == 2


def test_the_request_waits_on_the_provider_and_shows_on_the_board(
    client, shared, chengguan_officer, jiaoyu_reviewer, office_headline_reviewer
):
    sharing = _ask(shared, chengguan_officer)
    client.force_login(jiaoyu_reviewer)
    todo = client.get("/admin/").content.decode()
    assert sharing.case.title in todo
    board = client.get("/admin/data-sharing/").content.decode()
    assert sharing.case.receipt_number in board
    client.force_login(office_headline_reviewer)
    supervision = client.get("/admin/supervision/").content.decode()
    assert "数据共享申请" in supervision


def test_the_requester_cannot_grant_its_own_request(shared, chengguan_officer):
    sharing = _ask(shared, chengguan_officer)
    with pytest.raises(PermissionDenied):
        actions.grant(sharing.case, chengguan_officer)


def test_a_granted_download_opens_the_file_to_that_unit_only(
    client, shared, chengguan_officer, qingshi_officer, jiaoyu_reviewer
):
    file = shared.files.get()
    url = f"/admin/datacatalogue/{shared.pk}/files/{file.pk}/"
    client.force_login(chengguan_officer)
    assert client.get(url).status_code != 200
    sharing = _ask(shared, chengguan_officer)
    actions.grant(sharing.case, jiaoyu_reviewer, note="同意")
    sharing.case.refresh_from_db()
    assert sharing.case.state == k.GRANTED and sharing.case.closed_at
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == GOOD_CSV
    assert AuditEntry.objects.filter(
        action="datacatalogue.download", actor=chengguan_officer, details__how="staff"
    ).exists()
    client.force_login(qingshi_officer)
    assert client.get(url).status_code != 200
    assert not access.may_download(qingshi_officer, shared)


def test_a_refusal_needs_and_keeps_its_reason(shared, chengguan_officer, jiaoyu_reviewer):
    sharing = _ask(shared, chengguan_officer)
    with pytest.raises(IllegalTransition, match="理由"):
        actions.refuse(sharing.case, jiaoyu_reviewer, reason=" ")
    actions.refuse(sharing.case, jiaoyu_reviewer, reason="涉及未成年人信息")
    sharing.case.refresh_from_db()
    assert sharing.case.state == k.REFUSED and sharing.case.reply == "涉及未成年人信息"
    assert access.granted_request(chengguan_officer, shared) is None


def test_a_token_opens_that_resource_for_that_unit_and_is_audited(
    client, shared, chengguan_officer, jiaoyu_officer, jiaoyu_reviewer, education
):
    sharing = _ask(shared, chengguan_officer, delivery="api")
    actions.grant(sharing.case, jiaoyu_reviewer)
    with pytest.raises(PermissionDenied):
        actions.issue_token(sharing, jiaoyu_officer)  # the provider does not take the token
    token = actions.issue_token(sharing, chengguan_officer)
    stored = AccessToken.objects.get(request=sharing)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(AccessToken.objects.values_list())
    url = f"/data/shared/{shared.slug}/data.csv"
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and response.content == GOOD_CSV
    used = AuditEntry.objects.filter(action="datacatalogue.download", details__how="token")
    assert used.get().details["unit"] == "T01"
    assert client.get(url).status_code == 403
    assert client.get(url, HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    other = conditional(jiaoyu_officer, education)
    actions.submit_for_review(other, jiaoyu_officer)
    actions.publish(other, jiaoyu_reviewer)
    other_url = f"/data/shared/{other.slug}/data.csv"
    assert client.get(other_url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 403
    newer = actions.issue_token(sharing, chengguan_officer)
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 403
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {newer}").status_code == 200


def test_the_demo_has_sharing_requests_in_every_state(demo_catalogue):
    states = set(SharingRequest.objects.values_list("case__state", flat=True))
    assert states == {k.SUBMITTED, k.GRANTED, k.REFUSED}
