import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from opencounty.cases import actions, clock
from opencounty.cases.models import Case
from opencounty.core.models import AuditEntry, Unit


def new_case(unit_code: str = "T01", **extra):
    return actions.submit(
        "engine_test",
        unit=Unit.objects.get(code=unit_code),
        title="申请公开2026年城乡低保资金发放明细",
        submitter_name="林示范",
        submitter_phone="13812345678",
        submitter_id_number="11010119900307123X",
        **extra,
    )


@pytest.mark.django_db
def test_a_submission_gets_a_receipt_number_and_a_query_code_stored_hashed():
    case, code = new_case()
    assert case.receipt_number.startswith("TS") and len(case.receipt_number) == 12
    assert len(code) == 8 and code not in case.query_code_hash
    assert case.state == "submitted"
    assert [e.verb for e in case.timeline.all()] == ["submit"]
    assert AuditEntry.objects.filter(action="case.submit", object_id=str(case.pk)).exists()


@pytest.mark.django_db
def test_personal_information_is_encrypted_at_rest_and_masked_for_display():
    case, _ = new_case()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT submitter_phone, submitter_id_number FROM cases_case WHERE id = %s", [case.pk]
        )
        phone, id_number = cursor.fetchone()
    assert "13812345678" not in phone and "1990" not in id_number
    stored = Case.objects.get(pk=case.pk)
    assert stored.submitter_phone == "13812345678"
    assert stored.masked_phone == "138****5678"
    assert stored.masked_id_number == "1101**********123X"


@pytest.mark.django_db
def test_receipt_starts_the_clock_on_working_days(chengguan_officer):
    case, _ = new_case()
    case = actions.receive(case, chengguan_officer, on=date(2026, 9, 21))
    # 20 working days after Mon 21 Sep 2026, across Mid-Autumn and National Day (worked out by hand).
    assert case.due_on == date(2026, 10, 26)
    assert clock.remaining_working_days(case, date(2026, 10, 23)) == 1
    assert clock.warning_level(case, date(2026, 10, 1)) is None
    assert clock.warning_level(case, date(2026, 10, 23)) == "yellow"
    assert clock.warning_level(case, date(2026, 10, 27)) == "red"


@pytest.mark.django_db
def test_a_paused_and_extended_clock_matches_the_hand_worked_deadline(
    chengguan_officer, chengguan_reviewer
):
    case, _ = new_case()
    case = actions.receive(case, chengguan_officer, on=date(2026, 9, 21))
    case = actions.pause_clock(
        case, chengguan_officer, on=date(2026, 9, 24), reason="征求第三方意见"
    )
    assert case.due_on is None, "no deadline while the clock is stopped"
    # Paused working days: 28, 29, 30 Sep, 8, 9 Oct (25 Sep and 1-7 Oct are holidays) = 5.
    case = actions.resume_clock(case, chengguan_officer, on=date(2026, 10, 9))
    assert case.due_on == date(2026, 11, 2)
    case = actions.extend(case, chengguan_reviewer, days=20, reason="需要调取档案", max_days=20)
    # 20 + 5 + 20 = 45 working days after 21 Sep 2026 ends on Mon 30 Nov 2026.
    assert case.due_on == date(2026, 11, 30)
    assert [e.verb for e in case.timeline.all()] == [
        "submit",
        "receive",
        "pause",
        "resume",
        "extend",
    ]


@pytest.mark.django_db
def test_an_extension_needs_an_approver_and_stays_within_the_maximum(
    chengguan_officer, chengguan_reviewer
):
    case, _ = new_case()
    case = actions.receive(case, chengguan_officer, on=date(2026, 9, 21))
    with pytest.raises(PermissionDenied):
        actions.extend(case, chengguan_officer, days=5, reason="自批", max_days=20)
    actions.extend(case, chengguan_reviewer, days=15, reason="第一次", max_days=20)
    with pytest.raises(actions.IllegalTransition, match="不能超过 20 个工作日"):
        actions.extend(case, chengguan_reviewer, days=10, reason="第二次", max_days=20)


@pytest.mark.django_db
def test_illegal_transitions_are_refused_and_change_nothing(chengguan_officer):
    case, _ = new_case()
    with pytest.raises(actions.IllegalTransition, match="当前状态为“待受理”"):
        actions.reply(case, chengguan_officer, text="答复")
    with pytest.raises(actions.IllegalTransition):
        actions.close(case, chengguan_officer)
    case = actions.receive(case, chengguan_officer, on=date(2026, 9, 21))
    with pytest.raises(actions.IllegalTransition, match="计时未暂停"):
        actions.resume_clock(case, chengguan_officer, on=date(2026, 9, 22))
    with pytest.raises(actions.IllegalTransition, match="答复内容不能为空"):
        actions.reply(case, chengguan_officer, text="  ")
    stored = Case.objects.get(pk=case.pk)
    assert stored.state == "received" and stored.reply == ""
    refused = AuditEntry.objects.filter(
        action="case.reply", outcome="failure", object_id=str(case.pk)
    )
    assert refused.count() == 2
    case = actions.reply(case, chengguan_officer, text="经查，相关信息已主动公开。")
    case = actions.close(case, chengguan_officer)
    assert case.state == "closed" and case.closed_at is not None


@pytest.mark.django_db
def test_staff_of_another_unit_cannot_touch_the_case(qingshi_officer):
    case, _ = new_case("T01")
    with pytest.raises(PermissionDenied):
        actions.receive(case, qingshi_officer, on=date(2026, 9, 21))
    assert Case.objects.get(pk=case.pk).state == "submitted"
    assert AuditEntry.objects.filter(action="case.receive", outcome="failure").exists()


@pytest.mark.django_db
def test_a_transfer_moves_the_case_and_restarts_the_clock_for_this_kind(
    chengguan_officer, qingshi_officer
):
    case, _ = new_case("T01")
    case = actions.receive(case, chengguan_officer, on=date(2026, 9, 21))
    with pytest.raises(actions.IllegalTransition, match="必须填写理由"):
        actions.transfer(
            case,
            chengguan_officer,
            to_unit=Unit.objects.get(code="T02"),
            reason=" ",
            on=date(2026, 9, 22),
        )
    case = actions.transfer(
        case,
        chengguan_officer,
        to_unit=Unit.objects.get(code="T02"),
        reason="属青石镇职责",
        on=date(2026, 11, 2),
    )
    assert case.unit.code == "T02" and case.clock_started_on == date(2026, 11, 2)
    assert case.due_on == date(2026, 11, 30)
    with pytest.raises(PermissionDenied):
        actions.reply(case, chengguan_officer, text="答复")
    actions.reply(case, qingshi_officer, text="已办理。")


@pytest.mark.django_db
def test_lookup_needs_both_numbers_and_is_rate_limited():
    case, code = new_case()
    assert actions.lookup(case.receipt_number, code.lower(), client="10.0.0.1") == case
    assert actions.lookup(case.receipt_number, "WRONG123", client="10.0.0.2") is None
    assert actions.lookup("TS2026999999", code, client="10.0.0.2") is None
    for _ in range(actions.LOOKUP_ATTEMPTS_PER_HOUR):
        actions.lookup(case.receipt_number, "WRONG123", client="10.0.0.3")
    assert actions.lookups_left("10.0.0.3") == 0
    assert actions.lookup(case.receipt_number, code, client="10.0.0.3") is None
    assert actions.lookup(case.receipt_number, code, client="10.0.0.4") == case


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_never_share_a_receipt_number():
    from conftest import build_small_county

    build_small_county()
    numbers: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def submit_some() -> None:
        try:
            barrier.wait()
            for _ in range(8):
                numbers.append(new_case()[0].receipt_number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit_some) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(numbers) == 24 and len(set(numbers)) == 24
