"""Mailbox letters through the actions: routing, sending back, passing on, deadlines, reply review,
publication without personal data, rating and reopening; illegal steps refused."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from opencounty.cases.actions import IllegalTransition
from opencounty.cases.models import Case
from opencounty.core.models import Unit, WordRule
from opencounty.interaction import kinds as k
from opencounty.interaction.letters import actions
from opencounty.interaction.models import Letter

pytestmark = pytest.mark.django_db


def write(**overrides) -> tuple[Letter, str]:
    fields = {
        "letter_kind": Letter.Kind.COMPLAINT,
        "addressed_to": Unit.objects.get(code="T01"),
        "title": "城关镇菜市场噪音扰民",
        "content": "我叫李四光，住城关镇幸福路，电话13900001111。菜市场凌晨卸货噪音很大。",
        "name": "李四光",
        "phone": "13900001111",
        "email": "writer@example.com",
        "may_publish": True,
        "client_ip": "203.0.113.7",
    } | overrides
    return actions.submit_letter(**fields)


def reload(case: Case) -> Case:
    return Case.objects.select_related("letter", "unit").get(pk=case.pk)


def test_a_letter_waits_for_the_dispatchers_with_the_deadline_of_its_kind():
    letter, query_code = write(letter_kind=Letter.Kind.CONSULTATION)
    case = letter.case
    assert case.unit.kind == Unit.Kind.COUNTY_OFFICE
    assert case.state == k.SUBMITTED and case.time_limit == 5
    assert case.receipt_number.startswith("XX")
    assert len(query_code) == 8 and query_code not in case.query_code_hash
    complaint, _code = write(letter_kind=Letter.Kind.COMPLAINT, content="另一件事。")
    assert complaint.case.time_limit == 15


def test_the_deadline_counts_working_days_from_arrival():
    letter, _code = write(letter_kind=Letter.Kind.CONSULTATION)
    case = letter.case
    # Counted on the calendar from the arrival date, checked here against an independent count.
    from opencounty.core.calendar import working_days_between

    assert working_days_between(case.clock_started_on, case.due_on) == 5


def test_the_deadline_of_a_consultation_across_national_day_2026():
    from opencounty.cases import clock

    letter, _code = write(letter_kind=Letter.Kind.CONSULTATION)
    case = letter.case
    case.clock_started_on = date(2026, 9, 30)
    # 5 working days after Wednesday 30 September: 8, 9, 10 (Saturday, worked), 12, 13 October.
    assert clock.derive_due(case).value == date(2026, 10, 13)


def test_routing_sending_back_and_passing_on_are_each_on_the_timeline(
    dispatcher, chengguan_officer
):
    letter, _code = write()
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    assert case.unit.code == "T01" and case.state == k.ROUTED
    due = case.due_on

    with pytest.raises(IllegalTransition):
        actions.send_back(case, chengguan_officer, reason="  ")
    case = actions.send_back(case, chengguan_officer, reason="属于县市场监管局职责")
    assert case.unit.kind == Unit.Kind.COUNTY_OFFICE and case.state == k.SUBMITTED

    case = actions.route(case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    case = actions.pass_on(
        case, chengguan_officer, to_unit=Unit.objects.get(code="T02"), reason="地处青石镇"
    )
    assert case.unit.code == "T02" and case.state == k.ROUTED
    assert case.due_on == due  # the writer's deadline does not move
    verbs = list(case.timeline.values_list("verb", flat=True))
    assert verbs == ["submit", "route", "send_back", "route", "transfer"]
    labels = [e.verb_label for e in case.timeline.all()]
    assert labels == ["提交", "转办", "退回", "转办", "转交"]


def test_only_the_county_office_dispatches(chengguan_officer, qingshi_officer, dispatcher):
    letter, _code = write()
    with pytest.raises(PermissionDenied):
        actions.route(letter.case, chengguan_officer, to_unit=Unit.objects.get(code="T01"))
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    with pytest.raises(PermissionDenied):
        actions.draft_reply(case, qingshi_officer, text="不是我们的")
    assert reload(case).state == k.ROUTED


def test_a_reply_is_drafted_and_approved_by_the_reviewer_and_approval_publishes_nothing(
    dispatcher, chengguan_officer, chengguan_reviewer
):
    letter, _code = write()
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    case = actions.draft_reply(
        case,
        chengguan_officer,
        text="李四光先生：已责令菜市场22时后停止卸货。联系人王五 0000-6000001。",
    )
    assert case.state == k.DRAFTED and case.reply == ""
    with pytest.raises(PermissionDenied):
        actions.approve_reply(case, chengguan_officer)  # not a reviewer
    case = actions.approve_reply(case, chengguan_reviewer)
    letter = Letter.objects.get(case=case)
    assert case.state == k.REPLIED and case.reply.startswith("李四光先生")
    assert letter.replying_unit.code == "T01"
    assert not letter.is_published, "publication is the reviewer's separate 选登 decision"
    assert letter.public_title == letter.public_content == letter.public_reply == ""


def test_a_reviewer_cannot_approve_a_draft_of_their_own(dispatcher, chengguan_reviewer):
    letter, _code = write()
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    case = actions.draft_reply(case, chengguan_reviewer, text="自己写的答复")
    with pytest.raises(PermissionDenied):
        actions.approve_reply(case, chengguan_reviewer)
    assert reload(case).state == k.DRAFTED


def test_a_draft_can_be_sent_back_and_a_private_letter_is_never_published(
    dispatcher, chengguan_officer, chengguan_reviewer
):
    letter, _code = write(may_publish=False)
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    case = actions.draft_reply(case, chengguan_officer, text="初稿")
    case = actions.return_draft(case, chengguan_reviewer, reason="请写明整改时限")
    assert case.state == k.ROUTED
    case = actions.draft_reply(case, chengguan_officer, text="已整改，11月30日前完成。")
    case = actions.approve_reply(case, chengguan_reviewer)
    assert case.state == k.REPLIED
    assert not Letter.objects.get(case=case).is_published


def test_the_dispatchers_may_answer_themselves(dispatcher):
    from conftest import persona
    from opencounty.core.models import Role

    office_reviewer = persona("office_reviewer", "001", Role.REVIEWER)
    letter, _code = write(letter_kind=Letter.Kind.CONSULTATION)
    case = actions.draft_reply(letter.case, dispatcher, text="您咨询的事项可拨打12345。")
    case = actions.approve_reply(case, office_reviewer)
    assert case.state == k.REPLIED and case.unit.kind == Unit.Kind.COUNTY_OFFICE


def replied_letter(dispatcher, officer, reviewer) -> Case:
    letter, _code = write()
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    case = actions.draft_reply(case, officer, text="已处理。")
    return actions.approve_reply(case, reviewer)


def test_a_satisfied_writer_closes_the_letter(dispatcher, chengguan_officer, chengguan_reviewer):
    case = replied_letter(dispatcher, chengguan_officer, chengguan_reviewer)
    with pytest.raises(IllegalTransition):
        actions.rate(case, rating=Letter.Rating.SATISFIED, reopen=True)
    case = actions.rate(case, rating=Letter.Rating.SATISFIED, comment="谢谢")
    assert case.state == k.CLOSED and case.closed_at is not None and case.rating == 3
    with pytest.raises(IllegalTransition):
        actions.rate(case, rating=Letter.Rating.DISSATISFIED)


def test_a_dissatisfied_writer_can_reopen_once(dispatcher, chengguan_officer, chengguan_reviewer):
    case = replied_letter(dispatcher, chengguan_officer, chengguan_reviewer)
    case = actions.rate(case, rating=Letter.Rating.DISSATISFIED, reopen=True)
    assert case.state == k.ROUTED and case.unit.code == "T01"
    assert Letter.objects.get(case=case).reopened
    case = actions.draft_reply(case, chengguan_officer, text="再次核查后已处理。")
    case = actions.approve_reply(case, chengguan_reviewer)
    with pytest.raises(IllegalTransition):
        actions.rate(case, rating=Letter.Rating.DISSATISFIED, reopen=True)
    case = actions.rate(reload(case), rating=Letter.Rating.DISSATISFIED)
    assert case.state == k.CLOSED and case.rating == 1


def test_illegal_steps_are_refused_and_change_nothing(dispatcher, chengguan_reviewer):
    letter, _code = write()
    with pytest.raises(PermissionDenied, match="审核人"):
        actions.approve_reply(letter.case, dispatcher)  # dispatchers never approve replies
    with pytest.raises(IllegalTransition):
        actions.rate(letter.case, rating=Letter.Rating.SATISFIED)
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    with pytest.raises(IllegalTransition):
        actions.approve_reply(case, chengguan_reviewer)  # nothing drafted yet
    with pytest.raises(IllegalTransition):
        actions.route(case, dispatcher, to_unit=Unit.objects.get(code="T02"))
    with pytest.raises(IllegalTransition):
        actions.close_invalid(case, dispatcher, reason="垃圾信息")
    fresh = reload(case)
    assert fresh.state == k.ROUTED and fresh.unit.code == "T01"
    assert fresh.timeline.count() == 2


def test_suspicious_letters_are_held_for_the_dispatchers_never_dropped(settings, dispatcher):
    settings.LETTERS_PER_PHONE_PER_DAY = 2
    WordRule.objects.create(phrase="代开发票", kind=WordRule.Kind.SENSITIVE)
    first, _ = write(content="第一封")
    second, _ = write(content="第二封")
    third, _ = write(content="第三封")
    assert not first.held and not second.held
    assert third.held and "同一手机号当日来信过多" in third.hold_reasons
    spam, _ = write(phone="13700000000", content="代开发票，价格优惠")
    assert spam.held and any("代开发票" in r for r in spam.hold_reasons)
    again, _ = write(phone="13600000000", content="路灯坏了。")
    repeat, _ = write(phone="13600000000", content="路灯 坏了。")
    assert not again.held and repeat.held and repeat.duplicate_of == again
    assert Letter.objects.filter(held=True).count() == 3  # all stored

    case = actions.release(third.case, dispatcher)
    assert not Letter.objects.get(case=case).held and case.state == k.SUBMITTED
    case = actions.close_invalid(spam.case, dispatcher, reason="广告信息")
    assert case.state == k.CLOSED
    assert "广告信息" in case.timeline.last().note


def test_an_answered_letter_is_no_longer_marked_but_a_reopened_one_is_again(
    dispatcher, chengguan_officer, chengguan_reviewer
):
    from datetime import timedelta

    from opencounty.cases import clock

    case = replied_letter(dispatcher, chengguan_officer, chengguan_reviewer)
    long_after = case.due_on + timedelta(days=30)
    assert clock.warning_level(case, long_after) is None  # answered, waiting for a rating
    case = actions.rate(case, rating=Letter.Rating.DISSATISFIED, reopen=True)
    assert case.replied_at is None
    assert clock.warning_level(case, case.due_on + timedelta(days=7)) == "red"
