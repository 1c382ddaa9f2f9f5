"""What the staff need to deliver the answer, and how the applicant hears of it: the delivery
details on the handling screen (the phone masked, the address whole), the audited delivery
slip with the full phone, and an e-mail or a text message when the request is answered."""

from datetime import date

import pytest

from opencounty.core.models import AuditEntry
from opencounty.disclosure import actions
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.outcomes import Outcome
from opencounty.disclosure.tests.test_disclosure_requests import apply
from opencounty.services.models import OutboundSMS
from opencounty.services.tests.test_sms import Gateway

pytestmark = pytest.mark.django_db

ADDRESS = "示范县城关镇幸福路88号3单元201室"
POSTED = {
    "form_wanted": DisclosureRequest.FormWanted.PAPER,
    "delivery": DisclosureRequest.Delivery.POST,
    "postal_address": ADDRESS,
    "postcode": "123456",
    "email": "",
}


def test_the_officer_sees_where_to_post_the_answer_with_the_phone_masked(client, chengguan_officer):
    request, _ = apply(**POSTED)
    client.force_login(chengguan_officer)
    page = client.get(f"/admin/disclosure-requests/{request.case.pk}/").content.decode()
    assert '<dd id="delivery-method">纸质，邮寄</dd>' in page
    assert f'<dd id="postal-address">{ADDRESS}</dd>' in page
    assert '<dd id="postcode">123456</dd>' in page
    assert "138****5678" in page and "13812345678" not in page
    assert "110101199003071233" not in page
    assert f"/admin/disclosure-requests/{request.case.pk}/delivery/" in page
    assert "help-warning" not in page, "nothing is missing"


def test_the_delivery_slip_shows_the_full_phone_to_the_handling_unit_and_is_audited(
    client, chengguan_officer, qingshi_officer
):
    request, _ = apply(**POSTED)
    url = f"/admin/disclosure-requests/{request.case.pk}/delivery/"
    client.force_login(qingshi_officer)
    assert client.get(url).status_code in (302, 403)
    assert not AuditEntry.objects.filter(action="disclosure.delivery_details_read").exists()

    client.force_login(chengguan_officer)
    slip = client.get(url).content.decode()
    assert '<dd id="slip-phone">13812345678</dd>' in slip
    assert f'<dd id="slip-address">{ADDRESS}</dd>' in slip and "林示范" in slip
    assert "110101199003071233" not in slip and "1101**" not in slip, "no ID number on a slip"
    entry = AuditEntry.objects.get(action="disclosure.delivery_details_read")
    assert entry.actor == chengguan_officer and entry.object_id == str(request.case.pk)


def test_an_organisation_is_posted_to_by_name_and_legal_representative(client, chengguan_officer):
    request, _ = apply(
        applicant_type=DisclosureRequest.ApplicantType.COMMERCIAL,
        id_type=DisclosureRequest.IdType.CREDIT_CODE,
        id_number="91110000600037341L",
        organisation_name="示范县某某建材有限公司",
        legal_representative="赵经理",
        **POSTED,
    )
    client.force_login(chengguan_officer)
    page = client.get(f"/admin/disclosure-requests/{request.case.pk}/").content.decode()
    assert "示范县某某建材有限公司（法定代表人或负责人：赵经理）" in page


def test_the_officer_is_warned_when_the_chosen_delivery_lacks_its_address(
    client, chengguan_officer
):
    posted, _ = apply(**(POSTED | {"postal_address": "", "postcode": ""}))
    mailed, _ = apply(
        id_number="110101199003071234",
        delivery=DisclosureRequest.Delivery.EMAIL,
        email="",
    )
    client.force_login(chengguan_officer)
    page = client.get(f"/admin/disclosure-requests/{posted.case.pk}/").content.decode()
    assert "申请人选择邮寄，但未填写通信地址" in page and "未填写邮政编码" in page
    page = client.get(f"/admin/disclosure-requests/{mailed.case.pk}/").content.decode()
    assert "申请人选择电子邮件，但未填写电子邮箱" in page


def test_an_e_mail_delivery_shows_the_whole_address(client, chengguan_officer):
    request, _ = apply()
    client.force_login(chengguan_officer)
    page = client.get(f"/admin/disclosure-requests/{request.case.pk}/").content.decode()
    assert '<dd id="email">applicant@example.org</dd>' in page


def test_an_applicant_with_a_mobile_and_no_e_mail_is_texted_when_answered(
    settings, smtp_server, django_capture_on_commit_callbacks, chengguan_officer
):
    with Gateway(failures=0) as gateway:
        settings.SMS_BACKEND = "http"
        settings.SMS_GATEWAY_URL = gateway.url
        request, query_code = apply(**POSTED)
        case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
        assert not OutboundSMS.objects.exists(), "registering tells no one"
        with django_capture_on_commit_callbacks(execute=True):
            actions.reply(case, chengguan_officer, outcome=Outcome.DISCLOSED, text="予以公开。")
    message = OutboundSMS.objects.get()
    assert message.status == OutboundSMS.Status.SENT
    _headers, body = gateway.received[-1]
    assert body["phone"] == "13812345678"
    assert case.receipt_number in body["text"] and "已由" in body["text"]
    assert "下载答复书" in body["text"] and query_code not in body["text"]
    assert smtp_server.messages == []


def test_an_applicant_with_an_e_mail_is_mailed_and_not_texted(
    smtp_server, django_capture_on_commit_callbacks, chengguan_officer
):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(case, chengguan_officer, outcome=Outcome.DISCLOSED, text="予以公开。")
    assert len(smtp_server.to("applicant@example.org")) == 1
    assert not OutboundSMS.objects.exists()


def test_a_landline_only_applicant_gets_no_text_message(chengguan_officer):
    request, _ = apply(phone="0000-6000123", email="")
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    actions.reply(case, chengguan_officer, outcome=Outcome.DISCLOSED, text="予以公开。")
    assert not OutboundSMS.objects.exists()


def test_a_withdrawal_for_a_missing_correction_is_texted_too(chengguan_officer):
    request, _ = apply(email="")
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    case = actions.request_correction(case, chengguan_officer, on=date(2026, 9, 22), note="补充")
    actions.withdraw_without_correction(case, chengguan_officer, on=date(2026, 11, 20))
    assert request.case.receipt_number in OutboundSMS.objects.get().text
