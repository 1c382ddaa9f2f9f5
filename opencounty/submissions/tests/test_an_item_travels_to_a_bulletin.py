"""A township's information officer writes an item, the township's leader approves it, the
county office's editor edits and adopts it into 《政务信息》, and the issue is signed off."""

import pytest

from conftest import persona
from opencounty.core.audit import verify_chain
from opencounty.core.models import AuditEntry, Role, Unit
from opencounty.submissions import actions, scoring
from opencounty.submissions.models import BulletinIssue, Submission
from opencounty.submissions.tests.people import at, item_data, sent_item

pytestmark = pytest.mark.django_db


def test_it_travels_from_the_officer_to_a_signed_issue(
    chengguan_officer, chengguan_reviewer, dispatcher, office_headline_reviewer
):
    chengguan = Unit.objects.get(code="T01")
    item = actions.save_draft(chengguan, chengguan_officer, item_data(), at=at("2026-03-02 09:00"))
    assert item.state == Submission.State.DRAFT and item.number is None
    item = actions.request_approval(item, chengguan_officer, at=at("2026-03-02 09:30"))
    assert item.state == Submission.State.AWAITING_APPROVAL
    item = actions.approve(item, chengguan_reviewer, at=at("2026-03-02 10:00"))
    assert item.state == Submission.State.SUBMITTED
    assert item.reference == f"信〔2026〕{item.number}号"
    assert item.approved_by == chengguan_reviewer

    actions.edit_adopted_text(
        item,
        dispatcher,
        "城关镇老旧小区改造惠及八百余户",
        "城关镇完成三个老旧小区改造。",
        at=at("2026-03-03 09:30"),
    )
    issue = actions.create_issue("affairs", dispatcher, on=at("2026-03-03 09:00").date())
    item = actions.adopt(item, issue, dispatcher, at=at("2026-03-03 10:00"))
    issue = actions.sign_issue(issue, office_headline_reviewer, at=at("2026-03-03 11:00"))

    item.refresh_from_db()
    assert item.state == Submission.State.ADOPTED and item.issue == issue
    assert item.body == "城关镇今年完成三个老旧小区改造，惠及居民八百余户。"  # the original kept
    assert item.shown_title == "城关镇老旧小区改造惠及八百余户"
    assert issue.state == BulletinIssue.State.SIGNED and str(issue).startswith(
        "《政务信息》2026年第"
    )
    verbs = list(item.events.values_list("verb", flat=True))
    assert verbs == ["create", "request_approval", "approve", "edit_text", "adopt"]
    assert AuditEntry.objects.filter(object_id=str(item.pk), action="submissions.adopt").exists()
    assert list(verify_chain()) == []

    score = scoring.unit_score(chengguan, scoring.period("month", 2026, 3))
    assert score.points == 5 and score.adopted == 1


def test_issues_are_numbered_per_bulletin_and_year(dispatcher):
    first = actions.create_issue("affairs", dispatcher, on=at("2026-03-03 09:00").date())
    second = actions.create_issue("affairs", dispatcher, on=at("2026-04-03 09:00").date())
    other = actions.create_issue("research", dispatcher, on=at("2026-04-03 09:00").date())
    next_year = actions.create_issue("affairs", dispatcher, on=at("2027-01-04 09:00").date())
    assert second.number == first.number + 1
    assert other.number == 1 and next_year.number == 1


def test_the_office_returns_an_item_with_a_reason_and_the_unit_sends_it_again(
    chengguan_officer, chengguan_reviewer, dispatcher
):
    item = sent_item(chengguan_officer, chengguan_reviewer)
    number = item.number
    item = actions.return_submission(item, dispatcher, "数据来源不清，请补充统计口径。")
    assert item.state == Submission.State.RETURNED
    assert item.return_reason == "数据来源不清，请补充统计口径。"
    actions.save_draft(
        None,
        chengguan_officer,
        item_data(body="据住建部门统计，完成改造三个小区。"),
        submission=item,
    )
    actions.request_approval(item, chengguan_officer)
    item = actions.approve(item, chengguan_reviewer)
    assert item.state == Submission.State.SUBMITTED and item.number == number


def test_a_hot_item_needs_the_unit_s_leader_in_charge(chengguan_officer, chengguan_reviewer):
    chengguan = Unit.objects.get(code="T01")
    leader_in_charge = persona("cg_admin", "T01", Role.UNIT_ADMINISTRATOR)
    item = actions.save_draft(chengguan, chengguan_officer, item_data(hot=True))
    actions.request_approval(item, chengguan_officer)
    with pytest.raises(actions.PermissionDenied, match="分管领导"):
        actions.approve(item, chengguan_reviewer)
    item = actions.approve(item, leader_in_charge)
    assert item.state == Submission.State.SUBMITTED


def test_the_unit_s_leader_can_send_an_item_back_before_it_leaves(
    chengguan_officer, chengguan_reviewer
):
    item = actions.save_draft(Unit.objects.get(code="T01"), chengguan_officer, item_data())
    actions.request_approval(item, chengguan_officer)
    item = actions.send_back(item, chengguan_reviewer, "请补充具体数字。")
    assert item.state == Submission.State.DRAFT and item.number is None
    assert item.events.last().note == "请补充具体数字。"
