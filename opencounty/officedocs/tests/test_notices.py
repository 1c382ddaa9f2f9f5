"""Staff notices (内部通知): sent to chosen units' staff, read receipts per person, shown to the
sender per unit, in 我的待办 until read, and invisible to everyone else."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import persona
from opencounty.core import todo
from opencounty.core.models import AuditEntry, Role
from opencounty.officedocs import notices
from opencounty.officedocs.actions import Refused
from opencounty.officedocs.staff_models import NoticeReceipt, StaffNotice
from opencounty.officedocs.tests.conftest import SENT_AT, pdf, unit

pytestmark = pytest.mark.django_db


def notice(sender, codes=("T01", "T02"), **changes) -> StaffNotice:
    fields = {
        "title": "关于元旦假期值班安排的通知",
        "body": "各单位：\n请于本周五前报送元旦假期值班表。",
        "units": [unit(code) for code in codes],
        "files": [pdf("值班表.pdf")],
        "at": SENT_AT,
    }
    fields.update(changes)
    return notices.send_notice(sender, unit("000"), **fields)


def test_a_notice_reaches_the_chosen_units_and_records_who_read_it(
    client, county_signer, chengguan_clerk, qingshi_clerk, education_clerk
):
    second_in_chengguan = persona("cg_second", "T01", Role.REVIEWER)
    sent = notice(county_signer)
    assert AuditEntry.objects.filter(action="officedocs.notice_send", outcome="success").exists()

    # In the inbox, unread, and in 我的待办 until opened.
    client.force_login(chengguan_clerk)
    listing = client.get("/admin/officedocs/notices/").content.decode()
    assert sent.title in listing and 'data-unread="1"' in listing
    keys = [group.key for group in todo.groups_for(chengguan_clerk, SENT_AT.date())]
    assert "officedocs_notices" in keys
    page = client.get(f"/admin/officedocs/notices/{sent.pk}/")
    assert page.status_code == 200 and "已回执" in page.content.decode()
    receipt = NoticeReceipt.objects.get(notice=sent, user=chengguan_clerk)
    client.get(f"/admin/officedocs/notices/{sent.pk}/")
    assert NoticeReceipt.objects.get(notice=sent, user=chengguan_clerk).read_at == receipt.read_at
    assert AuditEntry.objects.filter(action="officedocs.notice_read").count() == 1
    assert "officedocs_notices" not in [
        group.key for group in todo.groups_for(chengguan_clerk, SENT_AT.date())
    ]
    assert "officedocs_notices" in [
        group.key for group in todo.groups_for(second_in_chengguan, SENT_AT.date())
    ]
    # A unit the notice was not sent to has nothing waiting.
    assert "officedocs_notices" not in [
        group.key for group in todo.groups_for(education_clerk, SENT_AT.date())
    ]

    # The sender sees, per unit, who read it and who did not.
    rows = {row.unit.code: row for row in notices.receipts(sent)}
    assert [person for person, _when in rows["T01"].read] == [chengguan_clerk]
    assert rows["T01"].unread == [second_in_chengguan]
    assert rows["T02"].read == [] and rows["T02"].unread == [qingshi_clerk]
    client.force_login(county_signer)
    html = client.get(f"/admin/officedocs/notices/{sent.pk}/").content.decode()
    assert 'data-unit="T01"' in html and 'data-read="1"' in html and "cg_second" in html
    assert "共 3 名工作人员，已读 1 人" in html
    assert not NoticeReceipt.objects.filter(user=county_signer).exists()


def test_nobody_outside_the_recipients_sees_the_notice(
    client, county_signer, chengguan_clerk, planning_clerk, office_headline_reviewer
):
    sent = notice(county_signer)
    attachment = sent.attachments.get()
    for outsider in (planning_clerk, office_headline_reviewer):
        client.force_login(outsider)
        assert client.get(f"/admin/officedocs/notices/{sent.pk}/").status_code == 404
        address = f"/admin/officedocs/notices/{sent.pk}/attachments/{attachment.pk}/"
        assert client.get(address).status_code == 404
        assert sent.title not in client.get("/admin/officedocs/notices/").content.decode()
        assert not notices.visible_notices(outsider).exists()
    refused = AuditEntry.objects.filter(action="officedocs.notice_open_refused")
    assert refused.filter(actor=planning_clerk).count() == 2
    administrator = persona("notice_sysadmin", "001", Role.SYSTEM_ADMINISTRATOR)
    client.force_login(administrator)
    assert client.get(f"/admin/officedocs/notices/{sent.pk}/").status_code == 302
    # A recipient gets the private file, audited.
    client.force_login(chengguan_clerk)
    response = client.get(f"/admin/officedocs/notices/{sent.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(action="officedocs.notice_attachment_read").exists()


def test_a_clerk_cannot_send_in_the_units_name_and_the_try_is_audited(client, county_clerk):
    with pytest.raises(Refused, match="审核人或单位管理员"):
        notice(county_clerk)
    assert AuditEntry.objects.filter(action="officedocs.notice_send", outcome="refused").exists()
    assert not StaffNotice.objects.exists()
    client.force_login(county_clerk)
    page = client.get("/admin/officedocs/notices/new/").content.decode()
    assert "只有本单位的审核人或单位管理员" in page


def test_the_form_picks_units_by_group_and_refuses_bad_input(client, county_signer):
    client.force_login(county_signer)
    base = {"unit": unit("000").pk, "title": "关于报送年度总结的通知", "body": "请报送。"}
    response = client.post("/admin/officedocs/notices/new/", base)
    assert response.status_code == 400 and "请至少选择一个接收单位" in response.content.decode()
    program = SimpleUploadedFile("方案.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(
        "/admin/officedocs/notices/new/", base | {"groups": ["townships"], "attachments": program}
    )
    assert response.status_code == 400 and "格式不被接受" in response.content.decode()
    # Another unit's name is not offered and not accepted.
    response = client.post(
        "/admin/officedocs/notices/new/", base | {"unit": unit("T01").pk, "groups": ["townships"]}
    )
    assert response.status_code == 400
    assert not StaffNotice.objects.exists()
    response = client.post("/admin/officedocs/notices/new/", base | {"groups": ["townships"]})
    assert response.status_code == 302
    sent = StaffNotice.objects.get()
    assert sorted(sent.recipients.values_list("unit__code", flat=True)) == ["T01", "T02"]


def test_a_person_of_no_unit_has_no_notice_waiting(auditor):
    """The audit administrator belongs to no handling unit: 我的待办 has nothing, no error."""
    from opencounty.officedocs import notices

    assert list(notices.unread_for(auditor)) == []
