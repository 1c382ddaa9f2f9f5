from datetime import date

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from opencounty.cases.models import Case
from opencounty.disclosure import actions
from opencounty.disclosure.models import DisclosureRequest

VALID = {
    "applicant_type": "natural",
    "name": "林示范",
    "id_type": "id_card",
    "id_number": "110101199003071233 ",
    "phone": "13812345678",
    "email": "applicant@example.org",
    "description": "2026年城关镇城乡低保资金发放明细",
    "form_wanted": "electronic",
    "delivery": "email",
}


@pytest.mark.django_db
def test_a_citizen_applies_online_and_gets_a_receipt_number_and_query_code(client):
    upload = SimpleUploadedFile("id.pdf", b"%PDF-1.4 identity", content_type="application/pdf")
    response = client.post("/disclosure/apply/T01/", {**VALID, "id_document": upload})
    html = response.content.decode()
    assert response.status_code == 200 and "您的申请已提交" in html
    stored = DisclosureRequest.objects.select_related("case").get()
    assert stored.case.receipt_number in html
    assert stored.case.unit.code == "T01" and stored.case.state == "submitted"
    assert stored.case.submitter_id_number == "110101199003071233"
    assert stored.id_document.read() == b"%PDF-1.4 identity"
    with pytest.raises(ValueError):
        stored.id_document.storage.url(stored.id_document.name)  # no public URL
    assert str(settings.PRIVATE_MEDIA_ROOT) in stored.id_document.path
    assert "Cache-Control" in response and "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_bad_input_gets_chinese_errors_and_stores_nothing(client):
    bad = {
        **VALID,
        "id_number": "12345",
        "phone": "999",
        "applicant_type": "commercial",
        "delivery": "post",
    }
    response = client.post("/disclosure/apply/T01/", bad)
    html = response.content.decode()
    for message in [
        "居民身份证号码应为18位",
        "请填写正确的手机号码",
        "请填写单位名称",
        "请填写通信地址",
    ]:
        assert message in html
    assert not Case.objects.exists() and not DisclosureRequest.objects.exists()


@pytest.mark.django_db
def test_an_upload_of_the_wrong_type_is_refused(client):
    upload = SimpleUploadedFile("id.exe", b"MZ", content_type="application/octet-stream")
    html = client.post("/disclosure/apply/T01/", {**VALID, "id_document": upload}).content.decode()
    assert "只接受 JPG、PNG 或 PDF 文件" in html
    assert not DisclosureRequest.objects.exists()


@pytest.mark.django_db
def test_an_upload_is_judged_by_its_content_not_its_name(client):
    disguised = SimpleUploadedFile(
        "id.pdf", b"MZ\x90\x00 a program", content_type="application/pdf"
    )
    html = client.post(
        "/disclosure/apply/T01/", {**VALID, "id_document": disguised}
    ).content.decode()
    assert "格式不被接受" in html
    assert not DisclosureRequest.objects.exists()


@pytest.mark.django_db
def test_the_applicant_follows_progress_with_receipt_number_and_query_code(
    client, chengguan_officer
):
    response = client.post("/disclosure/apply/T01/", VALID)
    case = Case.objects.get()
    code = response.content.decode().split('id="query-code">')[1].split("<")[0]
    actions.register(case, chengguan_officer, on=date(2026, 9, 21))
    html = client.post(
        "/cases/lookup/", {"receipt_number": case.receipt_number, "query_code": code}
    ).content.decode()
    assert "办理中" in html and "登记受理" in html and "2026-10-26" in html
    assert "138****5678" in html and "13812345678" not in html
    wrong = client.post(
        "/cases/lookup/", {"receipt_number": case.receipt_number, "query_code": "AAAAAAAA"}
    )
    assert "未找到办件" in wrong.content.decode() and "办理中" not in wrong.content.decode()
