import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import WorkflowState

from opencounty.core.models import AuditEntry, WordRule
from opencounty.portal.models import PublicationRecord, TextCheckOverride
from opencounty.portal.tests.helpers import act, column_of, county_column, draft_article, submit


@pytest.mark.django_db
def test_a_submitted_article_goes_live_only_when_the_units_reviewer_approves(
    chengguan_officer, chengguan_reviewer
):
    article = draft_article(column_of("T01"), chengguan_officer, "城关镇召开防汛工作会议")
    submit(article, chengguan_officer)
    article.refresh_from_db()
    assert article.live is False
    act(article, chengguan_reviewer, "approve")
    assert article.live is True
    assert article.current_workflow_state is None


@pytest.mark.django_db
def test_a_rejection_carries_a_comment_the_officer_sees_and_a_resubmission_can_pass(
    client, chengguan_officer, chengguan_reviewer
):
    article = draft_article(column_of("T01"), chengguan_officer, "城关镇通知")
    submit(article, chengguan_officer)
    act(article, chengguan_reviewer, "reject", comment="请补充联系电话")
    assert article.live is False
    state = WorkflowState.objects.for_instance(article).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(chengguan_officer)
    assert "请补充联系电话" in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    article.body = "<p>联系电话：0000-6000000。</p>"
    article.save_revision(user=chengguan_officer)
    state.resume(user=chengguan_officer)
    act(article, chengguan_reviewer, "approve")
    assert article.live is True
    assert AuditEntry.objects.filter(action="review.reject", object_id=str(article.pk)).exists()


@pytest.mark.django_db
def test_a_reviewer_of_another_unit_cannot_approve(chengguan_officer, qingshi_reviewer):
    article = draft_article(column_of("T01"), chengguan_officer, "城关镇稿件")
    submit(article, chengguan_officer)
    task_state = article.current_workflow_task_state
    assert task_state.task.specific.get_actions(article, qingshi_reviewer) == []
    with pytest.raises(PermissionDenied):
        act(article, qingshi_reviewer, "approve")
    assert not article.live


@pytest.mark.django_db
def test_the_reviewers_queue_lists_only_their_units_items(
    chengguan_officer, chengguan_reviewer, qingshi_officer, qingshi_reviewer
):
    ours = draft_article(column_of("T01"), chengguan_officer, "城关镇稿件")
    theirs = draft_article(column_of("T02"), qingshi_officer, "青石镇稿件")
    submit(ours, chengguan_officer)
    submit(theirs, qingshi_officer)
    task = ours.current_workflow_task_state.task.specific
    queued = task.get_task_states_user_can_moderate(chengguan_reviewer)
    assert [int(s.workflow_state.object_id) for s in queued] == [ours.pk]


@pytest.mark.django_db
def test_headline_items_also_need_the_county_office(
    county_officer, county_reviewer, office_headline_reviewer, chengguan_reviewer
):
    article = draft_article(county_column("news"), county_officer, "县政府常务会议召开")
    submit(article, county_officer)
    act(article, county_reviewer, "approve")
    assert article.live is False, "the unit's approval alone does not publish a headline item"
    assert article.current_workflow_task_state.task.specific.role == "headline_reviewer"
    with pytest.raises(PermissionDenied):
        act(article, chengguan_reviewer, "approve")
    act(article, office_headline_reviewer, "approve")
    assert article.live is True


@pytest.mark.django_db
def test_the_publication_records_who_provided_reviewed_and_published(
    county_officer, county_reviewer, office_headline_reviewer
):
    article = draft_article(county_column("notices"), county_officer, "关于春节值班安排的通知")
    submit(article, county_officer)
    act(article, county_reviewer, "approve")
    act(article, office_headline_reviewer, "approve")
    record = PublicationRecord.objects.get(page=article)
    assert record.provided_by == county_officer
    assert record.reviewed_by == county_reviewer
    assert record.published_by == office_headline_reviewer
    steps = (
        [log.action for log in article.get_latest_revision().page_log_entries.all()]
        if hasattr(article.get_latest_revision(), "page_log_entries")
        else []
    )
    assert steps is not None


@pytest.mark.django_db
def test_text_check_hits_block_approval_until_overridden_with_a_reason(
    chengguan_officer, chengguan_reviewer
):
    WordRule.objects.get_or_create(
        phrase="县国土资源局", defaults={"kind": "wrong", "suggestion": "县自然资源局"}
    )
    article = draft_article(
        column_of("T01"), chengguan_officer, "耕地保护通知", body="<p>请与县国土资源局联系。</p>"
    )
    submit(article, chengguan_officer)
    task = article.current_workflow_task_state.task.specific
    actions = [name for name, _, _ in task.get_actions(article, chengguan_reviewer)]
    assert "approve" not in actions and "override" in actions
    with pytest.raises(PermissionDenied):
        act(article, chengguan_reviewer, "approve")
    assert not article.live
    with pytest.raises(PermissionDenied):
        act(article, chengguan_reviewer, "override", comment="   ")
    act(article, chengguan_reviewer, "override", comment="引用的是历史文件原文")
    assert article.live
    override = TextCheckOverride.objects.get(page=article)
    assert override.reason == "引用的是历史文件原文"
    assert override.hits == ["县国土资源局"]
    assert override.reviewer == chengguan_reviewer
    assert AuditEntry.objects.filter(action="review.override_text_check").exists()


@pytest.mark.django_db
def test_the_editor_shows_text_check_hits(client, chengguan_officer):
    WordRule.objects.get_or_create(phrase="按装", defaults={"kind": "typo", "suggestion": "安装"})
    article = draft_article(
        column_of("T01"), chengguan_officer, "路灯按装完成", body="<p>新按装路灯20盏。</p>"
    )
    client.force_login(chengguan_officer)
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert 'data-text-check-hit="按装"' in html
    assert "安装" in html


@pytest.mark.django_db
def test_the_reviewers_dashboard_shows_what_awaits_them(
    client, chengguan_officer, chengguan_reviewer, qingshi_reviewer
):
    article = draft_article(column_of("T01"), chengguan_officer, "城关镇待审稿件乙")
    submit(article, chengguan_officer)
    client.force_login(chengguan_reviewer)
    assert "城关镇待审稿件乙" in client.get("/admin/").content.decode()
    client.force_login(qingshi_reviewer)
    assert "城关镇待审稿件乙" not in client.get("/admin/").content.decode()
