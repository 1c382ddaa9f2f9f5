from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from opencounty.cases.actions import IllegalTransition
from opencounty.core.models import Unit
from opencounty.disclosure import actions
from opencounty.disclosure import kind as k
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.outcomes import Outcome

ID_NUMBER = "110101199003071233"


def apply(
    id_number: str = ID_NUMBER, description: str = "2026年城关镇城乡低保资金发放明细", **extra
):
    values = {
        "unit": Unit.objects.get(code="T01"),
        "applicant_type": DisclosureRequest.ApplicantType.NATURAL_PERSON,
        "name": "林示范",
        "id_type": DisclosureRequest.IdType.ID_CARD,
        "id_number": id_number,
        "phone": "13812345678",
        "description": description,
        "form_wanted": DisclosureRequest.FormWanted.ELECTRONIC,
        "delivery": DisclosureRequest.Delivery.EMAIL,
        "email": "applicant@example.org",
    }
    values.update(extra)
    return actions.submit_request(**values)


@pytest.mark.django_db
def test_correction_third_party_and_extension_give_the_hand_worked_deadline(
    chengguan_officer, chengguan_reviewer
):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    assert case.due_on == date(2026, 10, 26)
    case = actions.request_correction(
        case, chengguan_officer, on=date(2026, 9, 24), note="请说明所需信息的时间范围"
    )
    assert case.state == k.AWAITING_CORRECTION and case.due_on is None
    case = actions.receive_correction(case, chengguan_officer, on=date(2026, 10, 12))
    # The 20 working days count again from 12 Oct.
    assert case.due_on == date(2026, 11, 9)
    case = actions.consult_third_party(
        case, chengguan_officer, on=date(2026, 10, 14), third_party="示范县某某合作社"
    )
    assert case.state == k.CONSULTING and case.due_on is None
    assert DisclosureRequest.objects.get(case=case).third_party_due_on == date(2026, 11, 4)
    # Paused 15-16 and 19-23 Oct: 7 working days.
    case = actions.third_party_answered(case, chengguan_officer, on=date(2026, 10, 23))
    assert case.due_on == date(2026, 11, 18)
    case = actions.extend(case, chengguan_reviewer, days=20, reason="需协调多个部门")
    # 20 + 7 + 20 = 47 working days after 12 Oct 2026 ends on Wed 16 Dec 2026.
    assert case.due_on == date(2026, 12, 16)


@pytest.mark.django_db
def test_correction_is_asked_once_and_only_within_seven_working_days(chengguan_officer):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    # 22, 23, 24, 28, 29, 30 Sep, 8, 9, 10 (Sat make-up), 12 Oct: the 10th working day.
    with pytest.raises(IllegalTransition, match="7个工作日内"):
        actions.request_correction(case, chengguan_officer, on=date(2026, 10, 12), note="补充")
    case = actions.request_correction(
        case, chengguan_officer, on=date(2026, 9, 30), note="补充身份证明"
    )
    case = actions.receive_correction(case, chengguan_officer, on=date(2026, 10, 9))
    with pytest.raises(IllegalTransition, match="只能告知一次"):
        actions.request_correction(case, chengguan_officer, on=date(2026, 10, 12), note="再补充")


@pytest.mark.django_db
def test_no_correction_by_the_deadline_counts_as_withdrawn(chengguan_officer):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    case = actions.request_correction(
        case, chengguan_officer, on=date(2026, 9, 22), note="补充", days=5
    )
    # Five working days after 22 Sep: 23, 24, 28, 29, 30 Sep.
    assert DisclosureRequest.objects.get(case=case).correction_due_on == date(2026, 9, 30)
    with pytest.raises(IllegalTransition, match="尚未届满"):
        actions.withdraw_without_correction(case, chengguan_officer, on=date(2026, 9, 30))
    case = actions.withdraw_without_correction(case, chengguan_officer, on=date(2026, 10, 8))
    stored = DisclosureRequest.objects.get(case=case)
    assert case.state == k.WITHDRAWN
    assert (stored.outcome, stored.sub_reason) == (Outcome.OTHER, "correction_overdue")


@pytest.mark.django_db
def test_a_reply_needs_a_statutory_outcome_and_its_sub_reason(chengguan_officer):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    with pytest.raises(IllegalTransition, match="具体情形"):
        actions.reply(case, chengguan_officer, outcome=Outcome.NOT_DISCLOSED, text="不予公开。")
    with pytest.raises(IllegalTransition, match="法定的处理结果"):
        actions.reply(case, chengguan_officer, outcome="maybe", text="？")
    with pytest.raises(IllegalTransition, match="答复内容不能为空"):
        actions.reply(case, chengguan_officer, outcome=Outcome.DISCLOSED, text="  ")
    untouched = DisclosureRequest.objects.get(case=case)
    assert (untouched.outcome, untouched.decided_on) == ("", None), (
        "a refused reply changes nothing"
    )
    case = actions.reply(
        case,
        chengguan_officer,
        outcome=Outcome.CANNOT_PROVIDE,
        sub_reason="not_held",
        text="经检索，本机关未制作或获取该信息。",
        responsible_body="示范县民政局",
    )
    stored = DisclosureRequest.objects.get(case=case)
    assert case.state == k.REPLIED
    assert (stored.outcome, stored.sub_reason, stored.responsible_body) == (
        "cannot_provide",
        "not_held",
        "示范县民政局",
    )
    actions.close(case, chengguan_officer)


@pytest.mark.django_db
def test_an_extension_beyond_twenty_working_days_is_refused(chengguan_officer, chengguan_reviewer):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    with pytest.raises(IllegalTransition, match="20 个工作日"):
        actions.extend(case, chengguan_reviewer, days=21, reason="太多")


@pytest.mark.django_db
def test_a_repeat_request_is_detected_and_linked():
    first, _ = apply()
    again, _ = apply(description=" 2026年城关镇城乡低保资金发放明细。")
    other, _ = apply(id_number="110101198805052222")
    assert again.repeat_of == first
    assert other.repeat_of is None


@pytest.mark.django_db
def test_staff_of_another_unit_cannot_register_it(qingshi_officer):
    request, _ = apply()
    with pytest.raises(PermissionDenied):
        actions.register(request.case, qingshi_officer, on=date(2026, 9, 21))


@pytest.mark.django_db
def test_every_step_is_on_the_timeline(chengguan_officer):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    case = actions.request_correction(case, chengguan_officer, on=date(2026, 9, 22), note="补充")
    case = actions.receive_correction(case, chengguan_officer, on=date(2026, 9, 24))
    case = actions.reply(
        case, chengguan_officer, outcome=Outcome.DISCLOSED, text="予以公开，见附件。"
    )
    assert [e.verb for e in case.timeline.all()] == [
        "submit",
        "receive",
        "request_correction",
        "receive_correction",
        "reply",
    ]


@pytest.mark.django_db
def test_the_unit_hears_of_a_new_request_and_the_applicant_of_the_reply(
    smtp_server, django_capture_on_commit_callbacks, chengguan_officer
):
    chengguan_officer.email = "cg-officer@example.org"
    chengguan_officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        request, _ = apply()
    arrived = smtp_server.to("cg-officer@example.org")
    assert len(arrived) == 1 and request.case.receipt_number in arrived[0]["Subject"]
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
        actions.reply(case, chengguan_officer, outcome=Outcome.DISCLOSED, text="予以公开。")
    answered = smtp_server.to("applicant@example.org")
    assert len(answered) == 1 and "已答复" in answered[0]["Subject"]
    assert "110101199003071233" not in answered[0].get_content()
