"""Illegal steps and people acting outside their part: refused in Chinese, nothing changed,
the refusal audited."""

import pytest
from django.core.exceptions import PermissionDenied

from opencounty.core.models import AuditEntry, Unit
from opencounty.submissions import actions
from opencounty.submissions.models import Submission
from opencounty.submissions.tests.people import item_data, sent_item

pytestmark = pytest.mark.django_db


def test_another_township_s_leader_cannot_approve(chengguan_officer, qingshi_reviewer):
    item = actions.save_draft(Unit.objects.get(code="T01"), chengguan_officer, item_data())
    actions.request_approval(item, chengguan_officer)
    with pytest.raises(PermissionDenied, match="只有本单位领导可以审签信息"):
        actions.approve(item, qingshi_reviewer)
    item.refresh_from_db()
    assert item.state == Submission.State.AWAITING_APPROVAL and item.number is None
    assert AuditEntry.objects.filter(action="submissions.approve", outcome="failure").exists()


def test_an_officer_cannot_write_for_another_unit(qingshi_officer):
    with pytest.raises(PermissionDenied, match="不是本单位的工作人员"):
        actions.save_draft(Unit.objects.get(code="T01"), qingshi_officer, item_data())
    assert not Submission.objects.exists()


def test_a_unit_cannot_adopt_return_or_score_its_own_items(
    chengguan_officer, chengguan_reviewer, dispatcher
):
    item = sent_item(chengguan_officer, chengguan_reviewer)
    issue = actions.create_issue("affairs", dispatcher)
    for attempt in (
        lambda: actions.adopt(item, issue, chengguan_reviewer),
        lambda: actions.return_submission(item, chengguan_reviewer, "理由"),
        lambda: actions.edit_adopted_text(item, chengguan_officer, "标题", "正文"),
        lambda: actions.create_issue("affairs", chengguan_reviewer),
        lambda: actions.set_rule_points(chengguan_reviewer, {"city": 100}),
        lambda: actions.sign_issue(issue, chengguan_reviewer),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    item.refresh_from_db()
    assert item.state == Submission.State.SUBMITTED and not item.adopted_title


def test_the_dispatcher_edits_but_does_not_sign_off(
    chengguan_officer, chengguan_reviewer, dispatcher
):
    item = sent_item(chengguan_officer, chengguan_reviewer)
    issue = actions.create_issue("affairs", dispatcher)
    actions.adopt(item, issue, dispatcher)
    with pytest.raises(PermissionDenied, match="只有县政府办的审核人可以签发简报"):
        actions.sign_issue(issue, dispatcher)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"body": ""}, "请填写正文"),
        ({"body": "长" * (5 * 1024 * 1024)}, "正文不能超过 20000 字"),
        ({"title": "标题\x00"}, "标题含有不能保存的字符"),
        ({"category": "rumour"}, "请选择信息类别"),
        ({"urgency": "yesterday"}, "请选择紧急程度"),
        ({"category": "special"}, "专报须填写事件发生时间"),
        ({"owner": "someone"}, "未知的字段"),
    ],
)
def test_bad_items_are_refused_and_nothing_is_stored(chengguan_officer, changes, message):
    with pytest.raises(actions.SubmissionRefused, match=message):
        actions.save_draft(Unit.objects.get(code="T01"), chengguan_officer, item_data(**changes))
    assert not Submission.objects.exists()


def test_the_text_check_stops_an_item_before_its_leader_sees_it(chengguan_officer):
    from opencounty.core.models import WordRule

    WordRule.objects.get_or_create(phrase="按装", defaults={"kind": "typo", "suggestion": "安装"})
    item = actions.save_draft(
        Unit.objects.get(code="T01"), chengguan_officer, item_data(body="为群众按装路灯。")
    )
    with pytest.raises(actions.SubmissionRefused, match="“按装”.*建议改为“安装”"):
        actions.request_approval(item, chengguan_officer)
    item.refresh_from_db()
    assert item.state == Submission.State.DRAFT


def test_steps_out_of_order_are_refused(chengguan_officer, chengguan_reviewer, dispatcher):
    item = sent_item(chengguan_officer, chengguan_reviewer)
    with pytest.raises(actions.SubmissionRefused, match="已报送"):
        actions.save_draft(None, chengguan_officer, item_data(title="改"), submission=item)
    with pytest.raises(actions.SubmissionRefused, match="只有县级已采用的信息"):
        actions.record_upward(item, "city", dispatcher)
    issue = actions.create_issue("affairs", dispatcher)
    actions.adopt(item, issue, dispatcher)
    actions.record_upward(item, "city", dispatcher)
    with pytest.raises(actions.SubmissionRefused, match="已登记过“市级采用”"):
        actions.record_upward(item, "city", dispatcher)
    with pytest.raises(actions.SubmissionRefused, match="不能退回"):
        actions.return_submission(item, dispatcher, "理由")
    other = sent_item(chengguan_officer, chengguan_reviewer, title="另一条")
    actions.sign_issue(issue, persona_signer())
    with pytest.raises(actions.SubmissionRefused, match="已签发，不能再加入信息"):
        actions.adopt(other, issue, dispatcher)
    with pytest.raises(actions.SubmissionRefused, match="已签发，采用稿不能再修改"):
        actions.edit_adopted_text(item, dispatcher, "新标题", "新正文")
    empty = actions.create_issue("politics", dispatcher)
    with pytest.raises(actions.SubmissionRefused, match="还没有采用任何信息"):
        actions.sign_issue(empty, persona_signer())
    with pytest.raises(actions.SubmissionRefused, match="不能合并"):
        actions.merge(other, [item], dispatcher)


def persona_signer():
    from django.contrib.auth import get_user_model

    from conftest import persona
    from opencounty.core.models import Role

    existing = get_user_model().objects.filter(username="signer").first()
    return existing or persona("signer", "001", Role.HEADLINE_REVIEWER)
