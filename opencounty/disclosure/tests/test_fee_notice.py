from datetime import date
from decimal import Decimal

import pytest

from opencounty.cases.actions import IllegalTransition
from opencounty.cases.models import Case
from opencounty.disclosure import actions
from opencounty.disclosure import kind as k
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.outcomes import Outcome
from opencounty.disclosure.tests.test_disclosure_requests import ID_NUMBER, apply
from opencounty.disclosure.tests.test_public_application import VALID

PAGES = DisclosureRequest.FeeMethod.BY_PAGES
BY_COUNT = DisclosureRequest.FeeMethod.BY_COUNT


def apply_times(n: int) -> None:
    """n requests this month by the same applicant, each accepting the fee it costs."""
    for i in range(n):
        fee = actions.quote_for_next_request(ID_NUMBER).amount
        apply(description=f"第{i + 1}项信息", accepted_fee=fee or None)


def registered_on_2_november(officer):
    request, _ = apply()
    # 20 working days after Mon 2 Nov 2026: 3-6, 9-13, 16-20, 23-27, 30 Nov.
    case = actions.register(request.case, officer, on=date(2026, 11, 2))
    assert case.due_on == date(2026, 11, 30)
    return case


# Through the public form


@pytest.mark.django_db
def test_the_tenth_request_of_the_month_is_free_and_the_eleventh_shows_the_fee(client):
    apply_times(9)
    html = client.post(
        "/disclosure/apply/T01/", {**VALID, "description": "第十项"}
    ).content.decode()
    assert "您的申请已提交" in html and "信息处理费" not in html
    assert DisclosureRequest.objects.get(description="第十项").fee_yuan == 0

    html = client.post(
        "/disclosure/apply/T01/", {**VALID, "description": "第十一项"}
    ).content.decode()
    assert "信息处理费告知" in html and 'id="fee-amount">100 元' in html
    assert "本月第11件，适用第11—30件每件100元的标准" in html
    assert "《政府信息公开信息处理费管理办法》" in html
    assert "我已阅读并同意按上述标准缴纳信息处理费" in html
    assert "您的申请已提交" not in html
    assert not DisclosureRequest.objects.filter(description="第十一项").exists()
    assert DisclosureRequest.objects.count() == 10 and Case.objects.count() == 10


@pytest.mark.django_db
def test_without_accepting_the_fee_nothing_is_stored(client):
    apply_times(10)
    html = client.post(
        "/disclosure/apply/T01/", {**VALID, "description": "第十一项", "quoted_fee": "100"}
    ).content.decode()
    assert "本次申请需缴纳信息处理费100元" in html and "勾选同意后再提交" in html
    assert "提交未成功" in html
    assert Case.objects.count() == 10


@pytest.mark.django_db
def test_the_accepted_fee_and_method_are_stored_with_the_request(client):
    apply_times(10)
    html = client.post(
        "/disclosure/apply/T01/",
        {**VALID, "description": "第十一项", "quoted_fee": "100", "accept_fee": "on"},
    ).content.decode()
    assert "您的申请已提交" in html
    stored = DisclosureRequest.objects.get(description="第十一项")
    assert stored.fee_yuan == Decimal(100) and stored.fee_method == BY_COUNT
    assert stored.fee_accepted_at is not None


@pytest.mark.django_db
def test_a_fee_accepted_at_an_older_amount_is_asked_again(client):
    apply_times(30)  # the next is the 31st: 200 yuan
    html = client.post(
        "/disclosure/apply/T01/",
        {**VALID, "description": "第三十一项", "quoted_fee": "100", "accept_fee": "on"},
    ).content.decode()
    assert "收费金额已变更为200元" in html and 'id="fee-amount">200 元' in html
    assert not DisclosureRequest.objects.filter(description="第三十一项").exists()


# Through the actions


@pytest.mark.django_db
def test_the_fee_notice_pauses_the_clock_and_payment_resumes_it(chengguan_officer):
    case = registered_on_2_november(chengguan_officer)
    case = actions.notify_fee(case, chengguan_officer, on=date(2026, 11, 4), method=PAGES, pages=50)
    stored = DisclosureRequest.objects.get(case=case)
    assert case.state == k.AWAITING_FEE and case.due_on is None
    # 30 pages free, 20 pages at 10 yuan.
    assert (stored.fee_method, stored.fee_pages, stored.fee_yuan) == (PAGES, 50, Decimal(200))
    # 20 working days after Wed 4 Nov: 5-6, 9-13, 16-20, 23-27 Nov, 30 Nov, 1-2 Dec.
    assert stored.fee_due_on == date(2026, 12, 2)

    case = actions.record_payment(case, chengguan_officer, on=date(2026, 11, 13))
    # Paused 5-6 and 9-13 Nov: 7 working days, so 30 Nov + 7 = 1-4, 7-9 Dec.
    assert case.state == k.REGISTERED and case.due_on == date(2026, 12, 9)
    assert DisclosureRequest.objects.get(case=case).fee_paid_on == date(2026, 11, 13)
    assert [e.verb for e in case.timeline.all()][-2:] == ["notify_fee", "record_payment"]


@pytest.mark.django_db
def test_fee_overdue_is_refused_before_the_payment_deadline_and_accepted_after(
    chengguan_officer,
):
    case = registered_on_2_november(chengguan_officer)
    case = actions.notify_fee(case, chengguan_officer, on=date(2026, 11, 4), method=PAGES, pages=50)
    overdue = {"outcome": Outcome.OTHER, "sub_reason": "fee_overdue", "text": "逾期未缴费。"}
    with pytest.raises(IllegalTransition, match="尚未届满"):
        actions.reply(case, chengguan_officer, on=date(2026, 12, 2), **overdue)
    with pytest.raises(IllegalTransition, match="只能在缴费期限届满后"):
        actions.reply(
            case, chengguan_officer, on=date(2026, 12, 3), outcome=Outcome.DISCLOSED, text="公开"
        )
    assert DisclosureRequest.objects.get(case=case).outcome == ""
    assert Case.objects.get(pk=case.pk).state == k.AWAITING_FEE

    case = actions.reply(case, chengguan_officer, on=date(2026, 12, 3), **overdue)
    stored = DisclosureRequest.objects.get(case=case)
    assert case.state == k.REPLIED
    assert (stored.outcome, stored.sub_reason, stored.decided_on) == (
        "other",
        "fee_overdue",
        date(2026, 12, 3),
    )
    assert not case.pauses.filter(ended_on__isnull=True).exists()


@pytest.mark.django_db
def test_fee_overdue_needs_a_fee_notice_and_payment_after_the_deadline_is_refused(
    chengguan_officer,
):
    case = registered_on_2_november(chengguan_officer)
    with pytest.raises(IllegalTransition, match="只有发出收费通知"):
        actions.reply(
            case,
            chengguan_officer,
            on=date(2026, 12, 3),
            outcome=Outcome.OTHER,
            sub_reason="fee_overdue",
            text="逾期未缴费。",
        )
    case = actions.notify_fee(case, chengguan_officer, on=date(2026, 11, 4), method=PAGES, pages=31)
    with pytest.raises(IllegalTransition, match="缴费期限（2026-12-02）已过"):
        actions.record_payment(case, chengguan_officer, on=date(2026, 12, 3))
    assert DisclosureRequest.objects.get(case=case).fee_paid_on is None


@pytest.mark.django_db
def test_no_fee_notice_when_the_method_gives_nothing_to_pay(chengguan_officer):
    case = registered_on_2_november(chengguan_officer)
    with pytest.raises(IllegalTransition, match="无需收取信息处理费"):
        actions.notify_fee(case, chengguan_officer, on=date(2026, 11, 4), method=BY_COUNT)
    with pytest.raises(IllegalTransition, match="无需收取信息处理费"):
        actions.notify_fee(case, chengguan_officer, on=date(2026, 11, 4), method=PAGES, pages=30)
    with pytest.raises(IllegalTransition, match="请填写页数"):
        actions.notify_fee(case, chengguan_officer, on=date(2026, 11, 4), method=PAGES)
    stored = Case.objects.get(pk=case.pk)
    assert stored.state == k.REGISTERED and stored.due_on == date(2026, 11, 30)
    assert not stored.pauses.exists()
    assert DisclosureRequest.objects.get(case=case).fee_notified_on is None


@pytest.mark.django_db
def test_the_eleventh_request_is_charged_by_count_after_registration(chengguan_officer):
    apply_times(10)
    request, _ = apply(description="第十一项", accepted_fee=Decimal(100))
    case = actions.register(request.case, chengguan_officer, on=date(2026, 11, 2))
    case = actions.notify_fee(case, chengguan_officer, on=date(2026, 11, 3), method=BY_COUNT)
    stored = DisclosureRequest.objects.get(case=case)
    assert (stored.fee_method, stored.fee_yuan) == (BY_COUNT, Decimal(100))
    case = actions.record_payment(case, chengguan_officer, on=date(2026, 11, 5))
    with pytest.raises(IllegalTransition, match="只能发出一次"):
        actions.notify_fee(case, chengguan_officer, on=date(2026, 11, 6), method=BY_COUNT)


@pytest.mark.django_db
def test_the_action_refuses_an_unaccepted_fee_even_without_the_form():
    apply_times(10)
    with pytest.raises(actions.FeeNotAccepted) as refusal:
        apply(description="第十一项")
    assert refusal.value.quote.amount == Decimal(100)
    assert DisclosureRequest.objects.count() == 10


@pytest.mark.django_db
def test_the_applicant_sees_the_fee_notice_in_the_progress_lookup(client, chengguan_officer):
    response = client.post("/disclosure/apply/T01/", VALID)
    code = response.content.decode().split('id="query-code">')[1].split("<")[0]
    case = Case.objects.get()
    case = actions.register(case, chengguan_officer, on=date(2026, 11, 2))
    actions.notify_fee(case, chengguan_officer, on=date(2026, 11, 4), method=PAGES, pages=50)
    html = client.post(
        "/cases/lookup/", {"receipt_number": case.receipt_number, "query_code": code}
    ).content.decode()
    assert "待缴费" in html and 'id="fee-amount">200.00 元' in html
    assert 'id="fee-due">2026-12-02' in html and "发出收费通知" in html


@pytest.mark.django_db
def test_an_officer_sends_the_fee_notice_and_records_payment_on_the_handling_page(
    client, chengguan_officer
):
    from opencounty.disclosure.tests.test_staff_screens import act

    case = registered_on_2_november(chengguan_officer)
    client.force_login(chengguan_officer)
    html = act(client, case, "notify_fee", on="2026-11-04", method="pages", pages="").content
    assert "按量计收时请填写页数" in html.decode()
    html = act(client, case, "notify_fee", on="2026-11-04", method="pages", pages=50).content
    assert "已完成：发出收费通知" in html.decode() and "2026-12-02" in html.decode()
    assert 'data-verb="record_payment"' in html.decode()
    html = act(client, case, "record_payment", on="2026-11-13").content.decode()
    assert "已完成：确认已缴费" in html and "2026-12-09" in html
