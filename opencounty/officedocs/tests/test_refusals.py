"""What the exchange refuses, with a clear Chinese reason and nothing changed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opencounty.core.models import AuditEntry, NumberSequence
from opencounty.officedocs import actions
from opencounty.officedocs.models import Delivery, OfficialDocument
from opencounty.officedocs.tests.conftest import checked, draft, pdf, sent, unit

pytestmark = pytest.mark.django_db


def form(**changes) -> dict:
    data = {
        "unit": unit("000").pk,
        "prefix": "示政办发",
        "title": "关于开展安全生产大检查的通知",
        "urgency": "normal",
        "secrecy": "none",
        "body": "请各单位认真组织开展检查。",
    }
    data.update(changes)
    return data


def test_a_classified_document_is_refused_on_the_form_and_by_the_action(client, county_clerk):
    client.force_login(county_clerk)
    response = client.post("/admin/officedocs/new/", form(secrecy="secret"))
    assert response.status_code == 400
    assert "涉密公文严禁在本平台处理" in response.content.decode()
    with pytest.raises(actions.Refused, match="密级只能为“无”"):
        draft(county_clerk, secrecy="confidential")
    assert not OfficialDocument.objects.exists()


def test_an_attachment_whose_content_is_not_what_its_name_says_is_refused(client, county_clerk):
    client.force_login(county_clerk)
    disguised = SimpleUploadedFile("方案.pdf", b"MZ\x90\x00 this is a program", "application/pdf")
    response = client.post("/admin/officedocs/new/", {**form(), "attachments": [disguised]})
    assert response.status_code == 400
    assert "格式不被接受" in response.content.decode()
    renamed = SimpleUploadedFile("方案.exe", pdf().read(), "application/octet-stream")
    with pytest.raises(actions.Refused, match="格式不被接受"):
        draft(county_clerk, files=[renamed])
    assert not OfficialDocument.objects.exists()


def test_a_bad_prefix_or_an_empty_body_is_refused(client, county_clerk):
    client.force_login(county_clerk)
    response = client.post("/admin/officedocs/new/", form(prefix="ABC<script>", body="  "))
    assert response.status_code == 400
    assert "发文机关代字应为 2 至 12 个汉字" in response.content.decode()
    assert not OfficialDocument.objects.exists()


def test_a_clerk_cannot_draft_for_another_unit(client, county_clerk):
    client.force_login(county_clerk)
    response = client.post("/admin/officedocs/new/", form(unit=unit("T01").pk))
    assert response.status_code == 400
    with pytest.raises(actions.Refused):
        actions.draft_document(county_clerk, unit("T01"), prefix="城政发", title="t", body="b")
    assert not OfficialDocument.objects.exists()


def test_only_a_signer_signs_a_document_off(client, county_clerk, county_signer):
    document = checked(county_clerk)
    client.force_login(county_clerk)
    page = client.get(f"/admin/officedocs/{document.pk}/").content.decode()
    assert "已核稿，待本单位签发人签发" in page
    response = client.post(f"/admin/officedocs/{document.pk}/send/", {"groups": ["townships"]})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == OfficialDocument.State.SIGNING and not document.deliveries.exists()
    assert AuditEntry.objects.filter(action="officedocs.send", outcome="refused").exists()


def test_sending_needs_a_recipient_and_happens_once(client, county_clerk, county_signer):
    document = checked(county_clerk)
    client.force_login(county_signer)
    response = client.post(f"/admin/officedocs/{document.pk}/send/", {})
    assert response.status_code == 400 and "请至少选择一个收文单位" in response.content.decode()
    with pytest.raises(actions.Refused, match="不能包括发文单位本身"):
        actions.send_document(county_signer, document, units=[unit("000")])
    actions.send_document(county_signer, document, units=[unit("T01")])
    with pytest.raises(actions.Refused, match="不能重复发出"):
        actions.send_document(county_signer, document, units=[unit("T02")])
    assert document.deliveries.count() == 1


def test_document_numbers_run_without_gaps_per_unit_prefix_and_year(county_clerk, county_signer):
    first = sent(county_clerk, county_signer)
    abandoned = draft(county_clerk, title="未发出的草稿")  # a draft takes no number
    second = sent(county_clerk, county_signer, title="第二份")
    other = sent(county_clerk, county_signer, prefix="示政发", title="另一代字")
    assert [first.number, second.number, other.number] == [
        "示政办发〔2026〕1号",
        "示政办发〔2026〕2号",
        "示政发〔2026〕1号",
    ]
    abandoned.refresh_from_db()
    assert abandoned.number == ""
    assert NumberSequence.objects.get(scope__endswith=":示政办发", year=2026).last == 2


def test_a_recipient_cannot_sign_twice_return_after_signing_or_finish_before(
    county_clerk, county_signer, chengguan_clerk, chengguan_leader
):
    document = sent(county_clerk, county_signer)
    delivery = document.deliveries.get(unit__code="T01")
    with pytest.raises(actions.Refused, match="须经签收、拟办、批办"):
        actions.finish(chengguan_clerk, delivery, reply="已落实。")
    with pytest.raises(actions.Refused, match="请填写退回理由"):
        actions.return_document(chengguan_clerk, delivery, reason="   ")
    actions.sign_for(chengguan_clerk, delivery)
    with pytest.raises(actions.Refused, match="不能签收"):
        actions.sign_for(chengguan_clerk, delivery)
    with pytest.raises(actions.Refused, match="只有未签收的公文可以退回"):
        actions.return_document(chengguan_clerk, delivery, reason="不属于本镇")
    with pytest.raises(actions.Refused, match="须经签收、拟办、批办"):
        actions.finish(chengguan_clerk, delivery, reply="已落实。")
    delivery = actions.propose(chengguan_clerk, delivery, proposal="拟请镇长阅示。")
    delivery = actions.instruct(
        chengguan_leader, delivery, instruction="请落实。", assignee=chengguan_clerk
    )
    with pytest.raises(actions.Refused, match="请填写办理情况"):
        actions.finish(chengguan_clerk, delivery, reply="")
    done = actions.finish(chengguan_clerk, delivery, reply="已组织全镇开展排查。")
    assert done.state == Delivery.State.DONE and done.done_by == chengguan_clerk


def test_another_units_clerk_cannot_sign_for_it(county_clerk, county_signer, qingshi_clerk):
    document = sent(county_clerk, county_signer, codes=["T01"])
    delivery = document.deliveries.get()
    with pytest.raises(actions.Refused):
        actions.sign_for(qingshi_clerk, delivery)
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.PENDING
    refused = AuditEntry.objects.get(action="officedocs.sign_for", outcome="refused")
    assert refused.actor == qingshi_clerk


def test_a_reminder_when_everyone_has_signed_is_refused(
    client, county_clerk, county_signer, chengguan_clerk
):
    document = sent(county_clerk, county_signer, codes=["T01"])
    actions.sign_for(chengguan_clerk, document.deliveries.get())
    client.force_login(county_clerk)
    response = client.post(f"/admin/officedocs/{document.pk}/remind/", follow=True)
    assert "无需催办" in response.content.decode()
    assert not AuditEntry.objects.filter(action="officedocs.remind", outcome="success").exists()
    with pytest.raises(actions.Refused, match="只有发文单位"):
        actions.remind(chengguan_clerk, document)
