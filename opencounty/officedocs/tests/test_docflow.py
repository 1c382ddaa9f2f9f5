"""The document flow: 拟稿 → 核稿 → 签发 by three different people of the sending unit, and
签收 → 拟办 → 批办 → 承办 → 办结 inside a receiving unit, each verb refused (in Chinese, nothing
changed, audited) for the wrong person or in the wrong state; the 办结期限 in working days;
reminders of unsigned units by SMS and mail, at most once a day, from the 催办 button and from
`send_sign_for_reminders`."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.management import call_command

from conftest import persona
from opencounty.accounts.models import StaffProfile
from opencounty.core.models import AuditEntry, Role
from opencounty.officedocs import actions
from opencounty.officedocs.models import Delivery, OfficialDocument
from opencounty.officedocs.tests.conftest import (
    SENT_AT,
    SHANGHAI,
    draft,
    handled_up_to_finish,
    sent,
    unit,
)
from opencounty.services.models import OutboundSMS

pytestmark = pytest.mark.django_db


def refused(action: str, actor) -> bool:
    return AuditEntry.objects.filter(
        action=f"officedocs.{action}", outcome="refused", actor=actor
    ).exists()


def still(obj, **fields) -> None:
    obj.refresh_from_db()
    for name, value in fields.items():
        assert getattr(obj, name) == value, name


# 拟稿 → 核稿 → 签发 ---------------------------------------------------------------------------


def test_three_people_draft_check_and_sign_a_document_off(
    client, county_clerk, county_checker, county_signer
):
    document = draft(county_clerk)
    actions.submit_for_check(county_clerk, document, at=SENT_AT)
    actions.check(county_checker, document, opinion="文字已核。", at=SENT_AT)
    document = actions.send_document(county_signer, document, units=[unit("T01")], at=SENT_AT)
    assert document.state == OfficialDocument.State.SENT
    assert (document.drafted_by, document.checked_by, document.sent_by) == (
        county_clerk,
        county_checker,
        county_signer,
    )
    assert list(document.steps.values_list("kind", "actor__username", "note")) == [
        ("draft", "county_clerk", ""),
        ("submit", "county_clerk", ""),
        ("check_pass", "county_checker", "文字已核。"),
        ("sign_off", "county_signer", "示范县城关镇"),
    ]
    for verb in ("submit", "check", "send"):
        assert AuditEntry.objects.filter(action=f"officedocs.{verb}", outcome="success").exists()
    client.force_login(county_clerk)
    page = client.get(f"/admin/officedocs/{document.pk}/").content.decode()
    assert "办理过程" in page and "核稿通过，送签发" in page and "文字已核。" in page


def test_the_drafter_may_neither_check_nor_sign_and_the_checker_may_not_sign(
    county_clerk, county_checker, county_signer
):
    # A unit administrator drafts: they hold the checker and signer roles, yet may do neither.
    document = draft(county_signer)
    with pytest.raises(actions.Refused, match="只有拟稿人可以把草稿送核稿"):
        actions.submit_for_check(county_clerk, document)
    assert refused("submit", county_clerk)
    still(document, state=OfficialDocument.State.DRAFT)
    actions.submit_for_check(county_signer, document)
    with pytest.raises(actions.Refused, match="您是这份公文的拟稿人，不能核稿"):
        actions.check(county_signer, document)
    assert refused("check", county_signer)
    still(document, state=OfficialDocument.State.CHECKING, checked_by=None)
    # 信息员 is no checker.
    with pytest.raises(actions.Refused, match="只有发文单位的核稿人"):
        actions.check(county_clerk, document)
    actions.check(county_checker, document)
    with pytest.raises(actions.Refused, match="拟稿、核稿、签发须由不同的人办理"):
        actions.send_document(county_signer, document, units=[unit("T01")])
    assert refused("send", county_signer)
    still(document, state=OfficialDocument.State.SIGNING, number="")

    # The checker, holding the signer role too, may not sign what they checked.
    other = draft(county_clerk, title="第二份")
    actions.submit_for_check(county_clerk, other)
    actions.check(county_signer, other)
    with pytest.raises(actions.Refused, match="拟稿、核稿、签发须由不同的人办理"):
        actions.send_document(county_signer, other, units=[unit("T01")])
    still(other, state=OfficialDocument.State.SIGNING, number="")
    assert not other.deliveries.exists()


def test_wrong_states_are_refused_and_change_nothing(county_clerk, county_checker, county_signer):
    document = draft(county_clerk)
    with pytest.raises(actions.Refused, match="当前为“草稿”，不能核稿"):
        actions.check(county_checker, document)
    with pytest.raises(actions.Refused, match="当前为“草稿”，不能签发"):
        actions.send_document(county_signer, document, units=[unit("T01")])
    assert refused("check", county_checker) and refused("send", county_signer)
    still(document, state=OfficialDocument.State.DRAFT, number="", checked_by=None)
    actions.submit_for_check(county_clerk, document)
    with pytest.raises(actions.Refused, match="当前为“待核稿”，不能送核稿"):
        actions.submit_for_check(county_clerk, document)
    assert refused("submit", county_clerk)


def test_the_checker_or_the_signer_returns_the_draft_with_a_reason(
    county_clerk,
    county_checker,
    county_signer,
    chengguan_clerk,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    county_clerk.email = "county-clerk@example.org"
    document = draft(county_clerk)
    actions.submit_for_check(county_clerk, document)
    with pytest.raises(actions.Refused, match="请填写退回理由"):
        actions.return_draft(county_checker, document, reason="  ")
    with pytest.raises(actions.Refused, match="拟稿人本人不能退回"):
        actions.return_draft(county_clerk, document, reason="我想改")
    with pytest.raises(actions.Refused, match="只有发文单位的工作人员"):
        actions.return_draft(chengguan_clerk, document, reason="不对")
    assert refused("return_draft", county_clerk) and refused("return_draft", chengguan_clerk)
    still(document, state=OfficialDocument.State.CHECKING)
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_draft(county_checker, document, reason="第二段表述不准确。")
    still(document, state=OfficialDocument.State.DRAFT)
    assert "第二段表述不准确" in smtp_server.to("county-clerk@example.org")[0].get_content()
    # Again to checking, passed, and returned by the signer: it has to be checked again.
    actions.submit_for_check(county_clerk, document)
    actions.check(county_checker, document)
    actions.return_draft(county_signer, document, reason="请补充责任分工。")
    still(document, state=OfficialDocument.State.DRAFT, checked_by=None)
    kinds = list(document.steps.values_list("kind", flat=True))
    assert kinds == ["draft", "submit", "check_return", "submit", "check_pass", "sign_return"]
    with pytest.raises(actions.Refused, match="当前为“草稿”，不能退回"):
        actions.return_draft(county_checker, document, reason="再退")


# 签收 → 拟办 → 批办 → 承办 → 办结 ------------------------------------------------------------


@pytest.fixture
def chengguan_staff(db):
    """城关镇's staff member (审核人) a leader assigns documents to."""
    return persona("cg_staff", "T01", Role.REVIEWER)


def test_a_township_signs_proposes_instructs_and_finishes(
    client, county_clerk, county_signer, chengguan_clerk, chengguan_leader, chengguan_staff
):
    document = sent(county_clerk, county_signer, codes=["T01"], handle_days=5)
    # Counted by core.calendar in working days from Monday 2 November: Monday 9 November.
    assert document.handle_due_on == date(2026, 11, 9)
    delivery = handled_up_to_finish(
        chengguan_clerk, chengguan_leader, document.deliveries.get(), assignee=chengguan_staff
    )
    assert delivery.state == Delivery.State.INSTRUCTED and delivery.assignee == chengguan_staff
    client.force_login(chengguan_staff)
    page = client.get(f"/admin/officedocs/{document.pk}/").content.decode()
    assert "同意，请抓紧落实。" in page and "2026-11-09" in page
    response = client.post(f"/admin/officedocs/{document.pk}/finish/", {"reply": "已落实。"})
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.DONE and delivery.done_by == chengguan_staff
    assert list(delivery.steps.values_list("kind", "actor__username")) == [
        ("sign_for", "cg_clerk"),
        ("propose", "cg_clerk"),
        ("instruct", "cg_leader"),
        ("finish", "cg_staff"),
    ]
    # The sender sees it finished, with the township's steps on its timeline.
    client.force_login(county_clerk)
    page = client.get(f"/admin/officedocs/{document.pk}/").content.decode()
    assert 'data-state="done"' in page and "城关镇　<strong>批办</strong>" in page
    # ... but not the words of the township's internal 拟办 and 批办.
    assert "同意，请抓紧落实。" not in page and "拟请分管领导阅示" not in page


def test_receiving_verbs_refuse_the_wrong_person_and_state(
    county_clerk, county_signer, chengguan_clerk, chengguan_leader, chengguan_staff, qingshi_clerk
):
    document = sent(county_clerk, county_signer, codes=["T01"])
    delivery = document.deliveries.get()
    with pytest.raises(actions.Refused, match="当前为“未签收”，不能拟办"):
        actions.propose(chengguan_clerk, delivery, proposal="拟办")
    actions.sign_for(chengguan_clerk, delivery)
    with pytest.raises(actions.Refused, match="只有收文单位的工作人员可以拟办"):
        actions.propose(qingshi_clerk, delivery, proposal="拟办")
    with pytest.raises(actions.Refused, match="请填写拟办意见"):
        actions.propose(chengguan_clerk, delivery, proposal=" ")
    with pytest.raises(actions.Refused, match="不能批办：请先拟办"):
        actions.instruct(chengguan_leader, delivery, instruction="办", assignee=chengguan_staff)
    assert refused("propose", qingshi_clerk) and refused("instruct", chengguan_leader)
    still(delivery, state=Delivery.State.SIGNED, proposal="")

    actions.propose(chengguan_clerk, delivery, proposal="拟请镇长阅示。")
    # A clerk is no leader; the 承办人 must be of the unit.
    with pytest.raises(actions.Refused, match="只有收文单位的领导"):
        actions.instruct(chengguan_clerk, delivery, instruction="办", assignee=chengguan_clerk)
    with pytest.raises(actions.Refused, match="承办人应为本单位的工作人员"):
        actions.instruct(chengguan_leader, delivery, instruction="办", assignee=qingshi_clerk)
    assert refused("instruct", chengguan_clerk)
    still(delivery, state=Delivery.State.PROPOSED, assignee=None, instruction="")

    actions.instruct(chengguan_leader, delivery, instruction="请落实。", assignee=chengguan_staff)
    with pytest.raises(actions.Refused, match="只有批办时指定的承办人可以办结"):
        actions.finish(chengguan_clerk, delivery, reply="已办")
    assert refused("finish", chengguan_clerk)
    still(delivery, state=Delivery.State.INSTRUCTED, reply="")


def test_the_instruct_screen_offers_only_the_units_staff(
    client, county_clerk, county_signer, chengguan_clerk, chengguan_leader, qingshi_clerk
):
    document = sent(county_clerk, county_signer, codes=["T01"])
    delivery = actions.sign_for(chengguan_clerk, document.deliveries.get())
    actions.propose(chengguan_clerk, delivery, proposal="拟请镇长阅示。")
    client.force_login(chengguan_clerk)
    assert "批办意见" not in client.get(f"/admin/officedocs/{document.pk}/").content.decode()
    client.force_login(chengguan_leader)
    page = client.get(f"/admin/officedocs/{document.pk}/").content.decode()
    assert "批办意见" in page and "cg_clerk" in page and "qs_clerk" not in page
    # A forged assignee from another unit is refused by the form: nothing changes.
    response = client.post(
        f"/admin/officedocs/{document.pk}/instruct/",
        {"instruction": "办", "assignee": qingshi_clerk.pk},
    )
    assert response.status_code == 400
    still(delivery, state=Delivery.State.PROPOSED, assignee=None)


# Reminders -------------------------------------------------------------------------------------


def _moment(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=SHANGHAI)


def test_overdue_units_are_reminded_by_sms_and_mail_once_a_day(
    county_clerk,
    county_signer,
    chengguan_clerk,
    qingshi_clerk,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    StaffProfile.objects.create(user=qingshi_clerk, mobile="13800000002")
    document = sent(county_clerk, county_signer, codes=["T01", "T02"])  # sign for by the 4th
    actions.sign_for(chengguan_clerk, document.deliveries.get(unit__code="T01"))
    # On the last day nobody is overdue yet.
    assert actions.remind_overdue(at=_moment(4)) == []
    with django_capture_on_commit_callbacks(execute=True):
        reminded = actions.remind_overdue(at=_moment(5, 9))
    assert [d.unit.code for d in reminded] == ["T02"]
    texts = list(OutboundSMS.objects.values_list("phone", "text"))
    assert len(texts) == 1 and texts[0][0] == "13800000002"
    assert "示政办发〔2026〕1号" in texts[0][1] and "青石镇尚未签收" in texts[0][1]
    mails = smtp_server.to("qs-clerk@example.org")
    assert len([m for m in mails if "催办" in m["Subject"]]) == 1
    assert not smtp_server.to("cg-clerk@example.org")[1:]  # only the arrival notice
    # Run again that day (cron every hour): nothing more; the next day: once more.
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.remind_overdue(at=_moment(5, 15)) == []
    assert OutboundSMS.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert len(actions.remind_overdue(at=_moment(6, 9))) == 1
    assert OutboundSMS.objects.count() == 2
    delivery = document.deliveries.get(unit__code="T02")
    assert delivery.reminders == 2
    assert AuditEntry.objects.filter(action="officedocs.remind_overdue").count() == 2
    assert delivery.steps.filter(kind="remind", actor=None).count() == 2


def test_the_button_reminds_once_a_day_too(
    client, county_clerk, county_signer, qingshi_clerk, smtp_server
):
    StaffProfile.objects.create(user=qingshi_clerk, mobile="13800000002")
    document = sent(county_clerk, county_signer, codes=["T02"])
    actions.remind(county_clerk, document, at=_moment(3))
    assert OutboundSMS.objects.count() == 1
    with pytest.raises(actions.Refused, match="每个单位每天最多催办一次"):
        actions.remind(county_clerk, document, at=_moment(3, 16))
    assert refused("remind", county_clerk)
    still(document.deliveries.get(), reminders=1)
    assert OutboundSMS.objects.count() == 1
    # The overdue run the same day leaves it alone; the next day it reminds.
    assert actions.remind_overdue(at=_moment(3, 17)) == []
    assert len(actions.remind(county_clerk, document, at=_moment(4))) == 1


def test_the_management_command_reminds(county_clerk, county_signer, qingshi_clerk, capsys):
    StaffProfile.objects.create(user=qingshi_clerk, mobile="13800000002")
    sent(county_clerk, county_signer, codes=["T02"])  # long past its sign-for day today
    call_command("send_sign_for_reminders")
    assert "已催办 1 个" in capsys.readouterr().out
    call_command("send_sign_for_reminders")
    assert "已催办 0 个" in capsys.readouterr().out
    assert OutboundSMS.objects.count() == 1


def test_the_drafter_revises_a_returned_draft_and_no_one_else_may(
    client, county_clerk, county_checker
):
    document = draft(county_clerk)
    actions.submit_for_check(county_clerk, document)
    fields = {
        "prefix": "示政办发",
        "title": "关于做好今冬明春森林防火工作的通知（修改稿）",
        "body": "修改后的正文。",
    }
    with pytest.raises(actions.Refused, match="当前为“待核稿”，不能修改"):
        actions.revise_draft(county_clerk, document, **fields)
    actions.return_draft(county_checker, document, reason="第二段表述不准确。")
    with pytest.raises(actions.Refused, match="只有拟稿人可以修改草稿"):
        actions.revise_draft(county_checker, document, **fields)
    assert refused("revise", county_checker) and refused("revise", county_clerk)
    still(document, title="关于做好今冬明春森林防火工作的通知")
    client.force_login(county_checker)
    assert client.get(f"/admin/officedocs/{document.pk}/edit/").status_code in {302, 403}
    client.force_login(county_clerk)
    response = client.post(
        f"/admin/officedocs/{document.pk}/edit/",
        {**fields, "unit": unit("000").pk, "urgency": "normal", "secrecy": "none"},
    )
    assert response.status_code == 302, response.content.decode()
    still(document, title=fields["title"], body="修改后的正文。", state="draft")
    assert document.attachments.count() == 1  # the first file is kept
    assert document.steps.filter(kind="revise", actor=county_clerk).exists()
