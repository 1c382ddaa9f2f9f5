"""After a reply: 选登 is the reviewer's separate, audited decision; every public field is
redacted (V4: a phone and an ID number in the title); the unit closes a letter the writer
did not rate in time; while the dispatchers hold a letter it names the unit the writer chose."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opencounty.cases.actions import IllegalTransition
from opencounty.cases.models import Case
from opencounty.core.models import AuditEntry, Unit, WordRule
from opencounty.interaction import kinds as k
from opencounty.interaction.letters import actions
from opencounty.interaction.models import Letter
from opencounty.interaction.tests.test_letters import write

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
ID_NUMBER = "110101199003071234"
TITLE = f"王大锤{PHONE}身份证{ID_NUMBER}反映拖欠工资"
BEIJING = ZoneInfo("Asia/Shanghai")


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=BEIJING)


def replied(dispatcher, officer, reviewer, **overrides) -> Case:
    letter, _code = write(**overrides)
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    case = actions.draft_reply(case, officer, text="已责成有关单位核查处理。")
    return actions.approve_reply(case, reviewer)


def offered_verbs(client, case) -> list[str]:
    html = client.get(f"/admin/letters/{case.pk}/").content.decode()
    return re.findall(r'data-verb="([a-z_-]+)"', html)


def test_a_title_with_a_phone_and_an_id_number_is_published_redacted_on_the_list_page_and_title(
    client, dispatcher, chengguan_officer, chengguan_reviewer
):
    case = replied(
        dispatcher,
        chengguan_officer,
        chengguan_reviewer,
        title=TITLE,
        name="王大锤",
        content=f"我是王大锤，电话{PHONE}，身份证{ID_NUMBER}，邮箱wdc@example.com。",
    )
    actions.publish_reply(case, chengguan_reviewer)

    listing = client.get("/interaction/letters/").content.decode()
    page = client.get(f"/interaction/letters/{case.receipt_number}/").content.decode()
    head_title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    meta_title = re.search(r'<meta name="ArticleTitle" content="([^"]*)"', page).group(1)
    for shown in (listing, page, head_title, meta_title):
        assert PHONE not in shown and ID_NUMBER not in shown and "王大锤" not in shown
        assert "wdc@example.com" not in shown
    assert "反映拖欠工资" in head_title and "[手机号已隐去]" in head_title
    assert "[身份证号已隐去]" in listing and "王**" in meta_title
    stored = Letter.objects.get(case=case)
    assert stored.public_title.startswith("王**[手机号已隐去]")


def test_the_reviewer_cannot_put_personal_data_back_when_editing_the_public_text(
    dispatcher, chengguan_officer, chengguan_reviewer
):
    case = replied(dispatcher, chengguan_officer, chengguan_reviewer)
    actions.publish_reply(
        case,
        chengguan_reviewer,
        title=f"李四光的来信 {PHONE}",
        content=f"菜市场噪音，联系 {ID_NUMBER}",
        reply="已处理，咨询 0000-6000001",
    )
    letter = Letter.objects.get(case=case)
    assert letter.public_title == "李**的来信 [手机号已隐去]"
    assert ID_NUMBER not in letter.public_content and "0000-6000001" not in letter.public_reply


def test_approval_publishes_nothing_and_the_reviewers_selection_is_audited(
    client, dispatcher, chengguan_officer, chengguan_reviewer, django_capture_on_commit_callbacks
):
    case = replied(dispatcher, chengguan_officer, chengguan_reviewer)
    assert client.get(f"/interaction/letters/{case.receipt_number}/").status_code == 404
    assert "城关镇菜市场噪音扰民" not in client.get("/interaction/letters/").content.decode()

    with pytest.raises(PermissionDenied, match="审核人"):
        actions.publish_reply(case, chengguan_officer)
    refusal = AuditEntry.objects.filter(action="case.publish_reply").get()
    assert refusal.outcome == "failure" and refusal.actor == chengguan_officer

    with django_capture_on_commit_callbacks(execute=True):
        case = actions.publish_reply(case, chengguan_reviewer)
    entry = AuditEntry.objects.filter(action="case.publish_reply", outcome="success").get()
    assert entry.actor == chengguan_reviewer and entry.object_id == str(case.pk)
    letter = Letter.objects.get(case=case)
    assert letter.published_by == chengguan_reviewer and letter.is_published
    event = case.timeline.last()
    assert event.verb == "publish_reply" and not event.public and event.verb_label == "选登公开"
    assert client.get(f"/interaction/letters/{case.receipt_number}/").status_code == 200
    with pytest.raises(IllegalTransition, match="已选登"):
        actions.publish_reply(case, chengguan_reviewer)

    with pytest.raises(IllegalTransition, match="理由"):
        actions.withdraw_publication(case, chengguan_reviewer, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw_publication(case, dispatcher, reason="来信人要求撤下")
    entry = AuditEntry.objects.filter(action="case.withdraw_publication", outcome="success").get()
    assert entry.details["reason"] == "来信人要求撤下" and entry.actor == dispatcher
    letter = Letter.objects.get(case=case)
    assert not letter.is_published and letter.public_title == ""
    assert client.get(f"/interaction/letters/{case.receipt_number}/").status_code == 404


def test_a_letter_whose_writer_did_not_consent_is_never_offered_for_selection(
    client, dispatcher, chengguan_officer, chengguan_reviewer
):
    case = replied(dispatcher, chengguan_officer, chengguan_reviewer, may_publish=False)
    client.force_login(chengguan_reviewer)
    assert "publish_reply" not in offered_verbs(client, case)
    with pytest.raises(IllegalTransition, match="未同意公开"):
        actions.publish_reply(case, chengguan_reviewer)
    forced = client.post(f"/admin/letters/{case.pk}/", {"verb": "publish_reply"}, follow=True)
    assert "当前状态下不能执行此操作" in forced.content.decode()
    assert not Letter.objects.get(case=case).is_published


def test_publishing_a_hit_of_the_text_check_needs_a_reason(
    dispatcher, chengguan_officer, chengguan_reviewer
):
    WordRule.objects.create(phrase="菜市场", kind=WordRule.Kind.SENSITIVE)
    case = replied(dispatcher, chengguan_officer, chengguan_reviewer)
    with pytest.raises(IllegalTransition, match="菜市场"):
        actions.publish_reply(case, chengguan_reviewer)
    assert not Letter.objects.get(case=case).is_published
    actions.publish_reply(case, chengguan_reviewer, override_reason="地名，非敏感内容")
    entry = AuditEntry.objects.filter(action="case.publish_reply", outcome="success").get()
    assert entry.details["override"] == "地名，非敏感内容"


def test_the_reviewer_selects_a_reply_on_the_detail_screen_with_the_redacted_text_to_check(
    client, dispatcher, chengguan_officer, chengguan_reviewer
):
    case = replied(dispatcher, chengguan_officer, chengguan_reviewer, title=TITLE)
    client.force_login(chengguan_officer)
    verbs = offered_verbs(client, case)
    assert "publish_reply" not in verbs and "close" not in verbs

    client.force_login(chengguan_reviewer)
    html = client.get(f"/admin/letters/{case.pk}/").content.decode()
    verbs = offered_verbs(client, case)
    assert "publish_reply" in verbs and "close" not in verbs
    assert "[手机号已隐去]" in html and 'id="publication">未公开' in html
    texts = actions.public_texts(case)
    page = client.post(
        f"/admin/letters/{case.pk}/",
        {
            "verb": "publish_reply",
            "publish_reply-title": texts["title"],
            "publish_reply-content": texts["content"],
            "publish_reply-reply": texts["reply"],
            "publish_reply-override_reason": "",
        },
        follow=True,
    ).content.decode()
    assert "已完成：选登公开" in page and "已于" in page
    verbs = offered_verbs(client, case)
    assert "withdraw_publication" in verbs and "publish_reply" not in verbs


def test_the_unit_closes_an_unrated_letter_only_after_the_rating_period(
    client, settings, dispatcher, chengguan_officer, chengguan_reviewer
):
    settings.LETTER_RATING_DAYS = 5
    with time_machine.travel(at(2026, 11, 2, 10), tick=False):
        case = replied(dispatcher, chengguan_officer, chengguan_reviewer)
        client.force_login(chengguan_officer)
        assert "conclude_unrated" not in offered_verbs(client, case)
        assert "2026-11-09" in client.get(f"/admin/letters/{case.pk}/").content.decode()
        with pytest.raises(IllegalTransition, match="2026-11-09"):
            actions.conclude_unrated(case, chengguan_officer)
    # Five working days after Monday 2 November end on Monday 9 November.
    with time_machine.travel(at(2026, 11, 9, 17), tick=False):
        client.force_login(chengguan_officer)
        assert "conclude_unrated" not in offered_verbs(client, case)
    with time_machine.travel(at(2026, 11, 10, 9), tick=False):
        client.force_login(chengguan_officer)
        html = client.get(f"/admin/letters/{case.pk}/").content.decode()
        assert "评价期满，办结" in html and "不予受理并办结" not in html
        page = client.post(
            f"/admin/letters/{case.pk}/", {"verb": "conclude_unrated"}, follow=True
        ).content.decode()
        assert "已完成：评价期满，办结" in page
    closed = Case.objects.get(pk=case.pk)
    assert closed.state == k.CLOSED and closed.closed_at is not None and closed.rating is None
    assert closed.timeline.last().verb_label == "评价期满办结"
    with pytest.raises(IllegalTransition):
        actions.rate(closed, rating=Letter.Rating.SATISFIED)


def test_a_closed_letter_can_still_be_selected_for_publication(
    dispatcher, chengguan_officer, chengguan_reviewer
):
    case = replied(dispatcher, chengguan_officer, chengguan_reviewer)
    case = actions.rate(case, rating=Letter.Rating.SATISFIED)
    actions.publish_reply(case, chengguan_reviewer)
    assert Letter.objects.get(case=case).is_published


def test_a_letter_closed_as_invalid_is_never_published(dispatcher):
    from conftest import persona
    from opencounty.core.models import Role

    office_reviewer = persona("office_reviewer", "001", Role.REVIEWER)
    letter, _code = write(addressed_to=None)
    case = actions.close_invalid(letter.case, dispatcher, reason="广告")
    with pytest.raises(IllegalTransition, match="尚未答复"):
        actions.publish_reply(case, office_reviewer)
    assert not Letter.objects.get(case=case).is_published


def test_while_the_dispatchers_hold_it_the_letter_names_the_unit_the_writer_chose(
    client, dispatcher
):
    letter, query_code = write(addressed_to=Unit.objects.get(code="T02"))
    found = client.post(
        "/cases/lookup/",
        {"receipt_number": letter.case.receipt_number, "query_code": query_code},
    ).content.decode()
    assert '<dt>来信对象</dt><dd id="case-unit">示范县青石镇（县电子政务办分办中）</dd>' in found
    assert '<dt>承办单位</dt><dd id="case-unit">' not in found

    client.force_login(dispatcher)
    detail = client.get(f"/admin/letters/{letter.case.pk}/").content.decode()
    assert '<dt>来信对象</dt><dd id="case-unit">示范县青石镇（县电子政务办分办中）</dd>' in detail

    actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    client.logout()
    found = client.post(
        "/cases/lookup/",
        {"receipt_number": letter.case.receipt_number, "query_code": query_code},
    ).content.decode()
    assert '<dt>承办单位</dt><dd id="case-unit">示范县城关镇</dd>' in found
    assert "<dt>来信对象</dt><dd>示范县青石镇</dd>" in found


def test_a_letter_to_the_county_heads_mailbox_says_so_while_it_is_dispatched(client):
    letter, query_code = write(addressed_to=None)
    found = client.post(
        "/cases/lookup/",
        {"receipt_number": letter.case.receipt_number, "query_code": query_code},
    ).content.decode()
    assert "县长信箱（县电子政务办分办中）" in found


def test_letters_published_before_titles_were_redacted_get_a_redacted_title(
    dispatcher, chengguan_officer, chengguan_reviewer
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "opencounty.interaction.migrations.0005_letter_public_title_and_selection"
    )
    case = replied(dispatcher, chengguan_officer, chengguan_reviewer, title=TITLE, name="王大锤")
    Letter.objects.filter(case=case).update(published_at=timezone.now() - timedelta(days=3))
    migration.redact_published_titles(apps, None)
    title = Letter.objects.get(case=case).public_title
    assert PHONE not in title and ID_NUMBER not in title and title.endswith("反映拖欠工资")


def test_selection_is_never_a_to_do_but_closing_after_the_rating_period_is(
    settings, dispatcher, chengguan_officer, chengguan_reviewer
):
    from opencounty.core import todo

    def waiting_on(user, on) -> dict:
        letters = [group for group in todo.groups_for(user, on) if group.key == "letter"]
        return {item.reference: item.next_step for group in letters for item in group.items}

    settings.LETTER_RATING_DAYS = 5
    with time_machine.travel(at(2026, 11, 2, 10), tick=False):
        unpublished = replied(dispatcher, chengguan_officer, chengguan_reviewer)
        published = replied(
            dispatcher, chengguan_officer, chengguan_reviewer, content="另一封来信。"
        )
        actions.publish_reply(published, chengguan_reviewer)
        assert waiting_on(chengguan_reviewer, at(2026, 11, 2, 10).date()) == {}
    with time_machine.travel(at(2026, 11, 10, 9), tick=False):
        assert waiting_on(chengguan_officer, at(2026, 11, 10, 9).date()) == {
            unpublished.receipt_number: "评价期满，办结",
            published.receipt_number: "评价期满，办结",
        }
