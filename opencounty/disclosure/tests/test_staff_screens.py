import pytest

from opencounty.cases.models import Case
from opencounty.core.models import Unit
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.tests.test_disclosure_requests import apply


def act(client, case, verb, **fields):
    data = {"verb": verb, **{f"{verb}-{name}": value for name, value in fields.items()}}
    return client.post(f"/admin/disclosure-requests/{case.pk}/", data, follow=True)


@pytest.mark.django_db
def test_an_officer_sees_only_their_units_requests(client, chengguan_officer):
    ours, _ = apply()
    theirs, _ = apply(unit=Unit.objects.get(code="T02"))
    client.force_login(chengguan_officer)
    html = client.get("/admin/disclosure-requests/").content.decode()
    assert ours.case.receipt_number in html and theirs.case.receipt_number not in html
    assert "138****5678" not in html, "the list shows no personal data"
    assert client.get(f"/admin/disclosure-requests/{theirs.case.pk}/").status_code in (302, 403)


@pytest.mark.django_db
def test_an_officer_registers_asks_for_correction_and_replies_through_the_screens(
    client, chengguan_officer
):
    request, _ = apply()
    case = request.case
    client.force_login(chengguan_officer)
    page = client.get(f"/admin/disclosure-requests/{case.pk}/").content.decode()
    assert "1101**********1233" in page and "110101199003071233" not in page
    assert 'data-verb="receive"' in page and 'data-verb="reply"' not in page

    html = act(client, case, "receive", on="2026-09-21").content.decode()
    assert "已完成：登记受理" in html and "2026-10-26" in html
    html = act(
        client, case, "request_correction", on="2026-10-12", note="补充", days=15
    ).content.decode()
    assert "7个工作日内" in html, "the action's Chinese refusal is shown"
    assert Case.objects.get(pk=case.pk).state == "registered"

    html = act(
        client,
        case,
        "reply",
        outcome="not_disclosed",
        sub_reason="",
        text="不予公开",
        responsible_body="",
    ).content.decode()
    assert "请选择具体情形" in html
    html = act(
        client,
        case,
        "reply",
        outcome="disclosed",
        sub_reason="",
        text="予以公开，见附件。",
        responsible_body="",
    ).content.decode()
    assert "已完成：答复" in html and "予以公开" in html
    stored = DisclosureRequest.objects.get(pk=request.pk)
    assert stored.outcome == "disclosed" and stored.case.state == "replied"


@pytest.mark.django_db
def test_an_officer_cannot_approve_an_extension_but_the_reviewer_can(
    client, chengguan_officer, chengguan_reviewer
):
    request, _ = apply()
    client.force_login(chengguan_officer)
    act(client, request.case, "receive", on="2026-09-21")
    html = act(client, request.case, "extend", days=20, reason="复杂").content.decode()
    assert "延期须由承办单位负责人批准" in html
    client.force_login(chengguan_reviewer)
    html = act(client, request.case, "extend", days=20, reason="复杂").content.decode()
    assert "已完成：延长答复期限" in html and "2026-11-23" in html


@pytest.mark.django_db
def test_the_owning_units_staff_read_the_identity_document_and_the_reading_is_audited(
    client, chengguan_officer, qingshi_officer
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opencounty.core.models import AuditEntry

    request, _ = apply(id_document=SimpleUploadedFile("id.pdf", b"%PDF-1.4 identity"))
    url = f"/admin/disclosure-requests/{request.case.pk}/id-document/"
    client.force_login(qingshi_officer)
    assert client.get(url).status_code in (302, 403)
    client.force_login(chengguan_officer)
    assert (
        "查看证件扫描件"
        in client.get(f"/admin/disclosure-requests/{request.case.pk}/").content.decode()
    )
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 identity"
    assert response["Content-Disposition"].startswith("attachment")
    assert AuditEntry.objects.filter(action="disclosure.id_document_read").count() == 1
