"""Consultations on drafts: comments, their moderation, the feedback summary and archiving."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from conftest import persona
from opencounty.core.models import AuditEntry, Role, Unit
from opencounty.demo.consultations import build_consultations
from opencounty.interaction.consultations import actions
from opencounty.interaction.consultations.actions import ConsultationError
from opencounty.interaction.consultations.figures import feedback_figures
from opencounty.interaction.models import (
    ConsultationComment,
    ConsultationPage,
    ConsultationSection,
)
from opencounty.interaction.tests.consultation_helpers import close, consultation, today
from opencounty.portal.models import ColumnPage
from opencounty.portal.tests.helpers import act, county_column, submit

pytestmark = pytest.mark.django_db

State = ConsultationComment.State
A = ConsultationComment.Adoption
PHONE = "13912345678"


def comment(page, text: str = "建议增加绿地面积。", section=None, client: str = "192.0.2.1"):
    return actions.submit_comment(page, phone=PHONE, text=text, section=section, client=client)


def page_text(client, page) -> str:
    html = client.get(page.url).content.decode()
    return re.sub(r"<[^>]+>", " ", html)


def post_comment(client, page, **data):
    fields = {"section": "", "name": "", "phone": PHONE, "text": "建议增加绿地面积。"}
    fields.update(data)
    return client.post(page.url, fields)


def test_comments_are_refused_once_the_consultation_has_closed(client):
    page = close(consultation())
    with pytest.raises(ConsultationError, match="已于.*结束"):
        comment(page)
    response = post_comment(client, page)
    assert "本次意见征集已于" in response.content.decode()
    assert "不再接收意见" in response.content.decode()
    assert not ConsultationComment.objects.filter(page=page).exists()


def test_comments_are_refused_before_the_period_opens():
    page = consultation(
        opens_on=today() + timedelta(days=2), closes_on=today() + timedelta(days=40)
    )
    with pytest.raises(ConsultationError, match="开始"):
        comment(page)
    assert not ConsultationComment.objects.filter(page=page).exists()


def test_a_comment_is_stored_pending_and_invisible_until_approved(client, county_reviewer):
    page = consultation()
    response = post_comment(client, page, name="林先生", text="建议在老城区增设口袋公园。")
    assert response.status_code == 302
    assert response["Location"].endswith("?submitted=1#comment-form")
    stored = ConsultationComment.objects.get(page=page)
    assert (stored.state, stored.name, stored.phone) == (State.PENDING, "林先生", PHONE)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT phone FROM interaction_consultationcomment WHERE id = %s", [stored.pk]
        )
        assert PHONE not in cursor.fetchone()[0], "the phone number is stored encrypted"
    acknowledged = client.get(response["Location"]).content.decode()
    assert "您的意见已提交，经审核后公开" in acknowledged
    assert "建议在老城区增设口袋公园" not in page_text(client, page)

    actions.approve_comment(stored, county_reviewer)
    shown = page_text(client, page)
    assert "建议在老城区增设口袋公园" in shown and "林先生" in shown
    assert PHONE not in shown and PHONE[:3] + "****" not in shown
    assert "公开的意见（1条）" in shown


def test_rejected_comments_are_kept_but_never_shown(client, county_reviewer):
    page = consultation()
    spam = comment(page, text="与征集无关的推销广告。")
    with pytest.raises(ConsultationError, match="必须填写理由"):
        actions.reject_comment(spam, county_reviewer, reason=" ")
    actions.reject_comment(spam, county_reviewer, reason="商业广告信息")
    spam.refresh_from_db()
    assert (spam.state, spam.rejection_reason) == (State.REJECTED, "商业广告信息")
    with pytest.raises(ConsultationError, match="不能重复审核"):
        actions.approve_comment(spam, county_reviewer)
    assert "推销广告" not in page_text(client, page)
    page = close(page)
    actions.publish_feedback(page, county_reviewer, text="未收到可采纳的意见。")
    feedback = client.get(f"/interaction/consultations/{page.pk}/feedback/").content.decode()
    assert "推销广告" not in feedback and "商业广告信息" not in feedback
    assert "另有1条意见" in feedback


def test_a_section_comment_attaches_to_its_section(client, county_reviewer):
    page = consultation()
    section = page.sections.get(heading="绿地管理")
    form_page = client.get(f"{page.url}?section={section.pk}").content.decode()
    assert f'<option value="{section.pk}" selected>第2部分：绿地管理</option>' in form_page
    assert f'href="?section={section.pk}#comment-form"' in form_page
    post_comment(client, page, section=str(section.pk), text="第二部分应明确养护责任单位。")
    stored = ConsultationComment.objects.get(page=page)
    assert stored.section == section
    actions.approve_comment(stored, county_reviewer)
    html = client.get(page.url).content.decode()
    assert f'<a href="#section-{section.pk}">绿地管理</a>' in html


def test_a_section_of_another_consultation_is_refused(client):
    page = consultation()
    other = consultation(slug="other-draft")
    foreign = other.sections.first()
    response = post_comment(client, page, section=str(foreign.pk))
    assert "请选择草案中的章节" in response.content.decode()
    with pytest.raises(ConsultationError, match="不属于本次征集"):
        comment(page, section=foreign)
    assert not ConsultationComment.objects.exists()


def test_bad_input_gets_a_chinese_error_and_stores_nothing(client):
    page = consultation()
    response = post_comment(client, page, phone="12345", text="")
    body = response.content.decode()
    assert "请填写正确的手机号码或固定电话" in body and "请填写意见内容" in body
    assert not ConsultationComment.objects.filter(page=page).exists()


def test_the_text_check_flags_a_comment_but_keeps_it():
    page = consultation()
    flagged = comment(page, text="这里有示例敏感词，请处理。")
    assert flagged.flagged_words == ["示例敏感词"]
    assert flagged.state == State.PENDING


def test_one_address_may_send_only_so_many_comments_an_hour(settings):
    settings.CONSULTATION_COMMENTS_PER_IP_PER_HOUR = 2
    page = consultation()
    comment(page, client="203.0.113.9")
    comment(page, client="203.0.113.9")
    with pytest.raises(ConsultationError, match="过于频繁"):
        comment(page, client="203.0.113.9")
    comment(page, client="203.0.113.10")
    assert ConsultationComment.objects.filter(page=page).count() == 3


def known_set(page, moderator) -> None:
    """Six comments: two adopted, one partly, two not adopted, one rejected."""
    decisions = [
        (A.ADOPTED, ""),
        (A.ADOPTED, "已吸收"),
        (A.PARTLY, "部分条款已修改"),
        (A.NOT_ADOPTED, "超出本办法调整范围"),
        (A.NOT_ADOPTED, "与上位法不一致"),
    ]
    for n, (adoption, reason) in enumerate(decisions):
        made = comment(page, text=f"第{n + 1}条意见的内容。", client=f"192.0.2.{n}")
        actions.approve_comment(made, moderator)
        actions.decide_adoption(made, moderator, adoption=adoption, reason=reason)
    rejected = comment(page, text="无关内容。", client="192.0.2.99")
    actions.reject_comment(rejected, moderator, reason="无关")


def test_the_summary_figures_are_computed_from_the_decisions(client, county_reviewer):
    page = consultation()
    known_set(page, county_reviewer)
    figures = feedback_figures(page)
    assert (figures.received, figures.published, figures.rejected, figures.pending) == (6, 5, 1, 0)
    assert (figures.adopted, figures.partly, figures.not_adopted, figures.undecided) == (2, 1, 2, 0)
    close(page)
    actions.publish_feedback(page, county_reviewer, text="共收到意见6条，采纳2条。")
    html = client.get(f"/interaction/consultations/{page.pk}/feedback/").content.decode()
    for figure, value in [
        ("received", 6),
        ("published", 5),
        ("adopted", 2),
        ("partly", 1),
        ("not_adopted", 2),
    ]:
        assert re.search(rf'data-figure="{figure}">{value}<', html), figure
    assert "未采纳</strong>：超出本办法调整范围" in html
    assert "部分采纳</strong>：部分条款已修改" in html


def test_not_adopting_needs_a_reason():
    page = consultation()
    reviewer = persona("cr", "000", Role.REVIEWER)
    made = comment(page)
    with pytest.raises(ConsultationError, match="只能对已公开的意见"):
        actions.decide_adoption(made, reviewer, adoption=A.ADOPTED)
    actions.approve_comment(made, reviewer)
    with pytest.raises(ConsultationError, match="必须说明理由"):
        actions.decide_adoption(made, reviewer, adoption=A.NOT_ADOPTED, reason="")
    made.refresh_from_db()
    assert made.adoption == ""


def test_the_feedback_waits_for_the_end_of_the_period_and_every_decision(county_reviewer):
    page = consultation()
    first = comment(page)
    with pytest.raises(ConsultationError, match="征集期尚未结束"):
        actions.publish_feedback(page, county_reviewer, text="反馈。")
    page = close(page)
    with pytest.raises(ConsultationError, match="1条意见尚未审核"):
        actions.publish_feedback(page, county_reviewer, text="反馈。")
    actions.approve_comment(first, county_reviewer)
    with pytest.raises(ConsultationError, match="尚未作出采纳决定"):
        actions.publish_feedback(page, county_reviewer, text="反馈。")
    actions.decide_adoption(first, county_reviewer, adoption=A.ADOPTED)
    with pytest.raises(ConsultationError, match="请填写反馈说明"):
        actions.publish_feedback(page, county_reviewer, text="  ")
    assert page.status() == ConsultationPage.Status.CLOSED
    actions.publish_feedback(page, county_reviewer, text="采纳1条。")
    assert page.status() == ConsultationPage.Status.ANSWERED
    with pytest.raises(ConsultationError, match="不能再修改采纳决定"):
        actions.decide_adoption(first, county_reviewer, adoption=A.NOT_ADOPTED, reason="改主意")


def test_the_page_links_the_published_feedback(
    client, county_reviewer, django_capture_on_commit_callbacks
):
    page = close(consultation())
    assert "查看意见采纳情况反馈" not in page_text(client, page)  # now in the page cache
    assert client.get(f"/interaction/consultations/{page.pk}/feedback/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_feedback(page, county_reviewer, text="征集期间未收到意见。")
    html = client.get(page.url).content.decode()
    assert f'href="/interaction/consultations/{page.pk}/feedback/">查看意见采纳情况反馈' in html
    assert "已反馈" in html


def test_archive_is_refused_until_the_summary_is_published(county_reviewer):
    page = consultation()
    with pytest.raises(ConsultationError, match="征集期内不能归档"):
        actions.archive(page, county_reviewer)
    page = close(page)
    with pytest.raises(ConsultationError, match="反馈尚未发布，不能归档"):
        actions.archive(page, county_reviewer)
    assert not page.feedback.is_archived
    actions.publish_feedback(page, county_reviewer, text="征集期间未收到意见。")
    feedback = actions.archive(page, county_reviewer)
    assert feedback.is_archived
    assert AuditEntry.objects.filter(action="consultation.archive", outcome="success").exists()
    assert AuditEntry.objects.filter(action="consultation.archive", outcome="failure").count() == 2


def test_a_normative_document_is_open_for_at_least_thirty_days(settings):
    start = date(2026, 3, 1)
    page = ConsultationPage(title="草案", slug="d", intro="说明", opens_on=start)
    page.is_normative_document = True
    page.closes_on = start + timedelta(days=29)
    with pytest.raises(ValidationError) as refused:
        page.clean()
    assert "不得少于30日" in str(refused.value.message_dict["closes_on"])
    page.closes_on = start + timedelta(days=30)
    page.clean()
    page.is_normative_document = False
    page.closes_on = start + timedelta(days=7)
    page.clean()
    settings.CONSULTATION_MIN_DAYS = 45
    page.is_normative_document = True
    page.closes_on = start + timedelta(days=30)
    with pytest.raises(ValidationError, match="不得少于45日"):
        page.clean()


def test_the_period_must_end_after_it_starts():
    page = ConsultationPage(
        title="草案", slug="d", intro="说明", opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 1)
    )
    with pytest.raises(ValidationError, match="截止日期应晚于开始日期"):
        page.clean()


def test_staff_of_another_unit_cannot_moderate(chengguan_reviewer, county_reviewer):
    page = consultation()
    pending = comment(page)
    with pytest.raises(PermissionDenied):
        actions.approve_comment(pending, chengguan_reviewer)
    with pytest.raises(PermissionDenied):
        actions.reject_comment(pending, chengguan_reviewer, reason="无关")
    pending.refresh_from_db()
    assert pending.state == State.PENDING
    assert AuditEntry.objects.filter(
        action="consultation.approve_comment", outcome="failure", actor=chengguan_reviewer
    ).exists()

    township_page = consultation(parent=Unit.objects.get(code="T01").root_page, slug="t01-draft")
    township_comment = comment(township_page, client="192.0.2.50")
    with pytest.raises(PermissionDenied):
        actions.approve_comment(township_comment, county_reviewer)
    office = persona("office_staff", "001", Role.HEADLINE_REVIEWER)
    actions.approve_comment(township_comment, office)
    assert ConsultationComment.objects.get(pk=township_comment.pk).state == State.APPROVED


def test_staff_moderate_in_the_admin_and_others_are_turned_away(client, chengguan_reviewer):
    page = consultation()
    pending = comment(page, text="建议增加健身步道。")
    client.force_login(chengguan_reviewer)
    refused = client.get(f"/admin/consultations/{page.pk}/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    listing = client.get("/admin/consultations/").content.decode()
    assert page.title not in listing

    reviewer = persona("county_mod", "000", Role.INFORMATION_OFFICER)
    client.force_login(reviewer)
    listing = client.get("/admin/consultations/").content.decode()
    assert page.title in listing
    detail = client.get(f"/admin/consultations/{page.pk}/").content.decode()
    assert "建议增加健身步道" in detail and "139****5678" in detail and PHONE not in detail
    response = client.post(
        f"/admin/consultations/{page.pk}/", {"verb": "reject", "comment": pending.pk}
    )
    assert "不予公开必须填写理由" in response.content.decode()
    assert ConsultationComment.objects.get(pk=pending.pk).state == State.PENDING
    response = client.post(
        f"/admin/consultations/{page.pk}/", {"verb": "approve", "comment": pending.pk}
    )
    assert response.status_code == 302
    assert ConsultationComment.objects.get(pk=pending.pk).state == State.APPROVED
    response = client.post(
        f"/admin/consultations/{page.pk}/",
        {"verb": "archive"},
        follow=True,
    )
    assert "征集期内不能归档" in response.content.decode()


def test_the_column_lists_consultations_with_status_and_period(client):
    page = consultation()
    column = ColumnPage.objects.get(pk=page.get_parent().pk)
    html = client.get(column.url).content.decode()
    assert f'<a href="{page.url}">{page.title}</a>' in html
    assert f"征集中　{page.opens_on.isoformat()} 至 {page.closes_on.isoformat()}" in html


def test_a_consultation_passes_the_review_workflow(client, county_officer, county_reviewer):
    column = county_column("interaction")
    client.force_login(county_officer)
    editor = client.get(f"/admin/pages/add/interaction/consultationpage/{column.pk}/")
    assert editor.status_code == 200
    assert "行政规范性文件" in editor.content.decode() and "草案章节" in editor.content.decode()
    draft = ConsultationPage(
        title="示范县公园管理规定（征求意见稿）",
        slug="park-rules",
        intro="征求意见。",
        opens_on=today(),
        closes_on=today() + timedelta(days=30),
        is_normative_document=True,
        live=False,
        owner=county_officer,
    )
    draft.sections.add(ConsultationSection(heading="总则", text="总则内容。"))
    column.add_child(instance=draft)
    draft.save_revision(user=county_officer)
    submit(draft, county_officer)
    assert not ConsultationPage.objects.get(pk=draft.pk).live
    act(draft, county_reviewer, "approve")
    assert ConsultationPage.objects.get(pk=draft.pk).live


def test_the_demo_has_an_open_and_an_answered_consultation(county_reviewer):
    assert build_consultations(today()) == 2
    open_one = ConsultationPage.objects.get(slug="parking-rules-draft")
    closed_one = ConsultationPage.objects.get(slug="rural-waste-plan-draft")
    assert open_one.status() == ConsultationPage.Status.OPEN
    states = set(open_one.comments.values_list("state", flat=True))
    assert states == {State.PENDING, State.APPROVED, State.REJECTED}
    assert closed_one.status() == ConsultationPage.Status.ANSWERED
    assert closed_one.is_normative_document
    assert (closed_one.closes_on - closed_one.opens_on).days >= 30
    figures = feedback_figures(closed_one)
    assert (figures.adopted, figures.partly, figures.not_adopted) == (1, 1, 1)
    assert build_consultations(today()) == 0, "a second run adds nothing"
