"""Verbs of a disclosure request, on top of the case engine (条例 Art. 29-39)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import actions as cases
from opencounty.cases.actions import IllegalTransition, case_action, require_legal
from opencounty.cases.models import Case
from opencounty.core import audit, calendar
from opencounty.core.crypto import blind_index
from opencounty.core.models import Unit
from opencounty.disclosure import fees, notify
from opencounty.disclosure import kind as k
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.outcomes import SUB_REASONS, Outcome, outcome_needs_sub_reason


def _normalised(text: str) -> str:
    return "".join(text.split()).strip("。.，,")


class FeeNotAccepted(IllegalTransition):
    """The application would cost a processing fee the applicant has not accepted (yet)."""

    def __init__(self, quote: fees.FeeQuote) -> None:
        self.quote = quote
        super().__init__(
            _("本次申请需缴纳信息处理费%(amount)s元，请阅读收费标准并勾选同意后再提交。")
            % {"amount": quote.amount}
        )


def quote_for_next_request(id_number: str) -> fees.FeeQuote:
    """The fee an applicant's next request this month would cost, by count (按件计收)."""
    month_so_far = fees.requests_this_month(blind_index(id_number), timezone.localdate())
    return fees.quote_for_nth_request(month_so_far + 1)


@cases.query_code_first
def submit_request(
    *,
    query_code: cases.QueryCode,
    unit: Unit,
    applicant_type: str,
    name: str,
    id_type: str,
    id_number: str,
    phone: str,
    description: str,
    form_wanted: str,
    delivery: str,
    email: str = "",
    organisation_name: str = "",
    legal_representative: str = "",
    postal_address: str = "",
    postcode: str = "",
    document_number: str = "",
    channel: str = DisclosureRequest.Channel.ONLINE,
    id_document=None,
    accepted_fee: Decimal | None = None,
) -> tuple[DisclosureRequest, str]:
    """Store an application first, then acknowledge it: returns the request and its query code.

    From the 11th request of a calendar month the applicant must have accepted the fee
    quoted (`accepted_fee`); otherwise FeeNotAccepted carries the quote and nothing is stored.
    """
    quote = quote_for_next_request(id_number)
    if quote.amount and accepted_fee != quote.amount:
        raise FeeNotAccepted(quote)
    title = (document_number or description)[:60]
    case, code = cases.submit(
        k.DISCLOSURE_REQUEST.code,
        query_code=query_code,
        unit=unit,
        title=title,
        submitter_name=organisation_name or name,
        submitter_phone=phone,
        submitter_id_number=id_number,
        submitter_email=email,
    )
    key = blind_index(id_number)
    earlier = (
        DisclosureRequest.objects.filter(applicant_key=key, case__unit=unit)
        .select_related("case")
        .order_by("case__submitted_at")
    )
    repeat_of = next(
        (
            r
            for r in earlier
            if _normalised(r.description) == _normalised(description)
            or (document_number and r.document_number == document_number)
        ),
        None,
    )
    request = DisclosureRequest.objects.create(
        case=case,
        applicant_type=applicant_type,
        organisation_name=organisation_name,
        legal_representative=legal_representative,
        id_type=id_type,
        applicant_key=key,
        postal_address=postal_address,
        postcode=postcode,
        description=description,
        document_number=document_number,
        form_wanted=form_wanted,
        delivery=delivery,
        channel=channel,
        repeat_of=repeat_of,
        fee_yuan=quote.amount,
        fee_method=quote.method if quote.amount else "",
        fee_accepted_at=timezone.now() if quote.amount else None,
    )
    if id_document is not None:
        request.id_document.save(id_document.name, id_document, save=True)
    return request, code


def register(case: Case, actor, *, on: date) -> Case:
    """Confirm receipt (Art. 31): the date received starts the 20-working-day clock."""
    with transaction.atomic():
        case = cases.receive(case, actor, on=on)
        DisclosureRequest.objects.filter(case=case).update(received_on=on)
    return case


@case_action("request_correction")
def request_correction(case: Case, actor, *, on: date, note: str, days: int = 15) -> Case:
    """Ask once for a correction, within 7 working days of receipt; the clock waits for it."""
    require_legal(case, "request_correction", actor)
    request = case.disclosure
    if request.correction_requested_on is not None:
        raise IllegalTransition(_("补正只能告知一次。"))
    if calendar.working_days_between(case.clock_started_on, on) > k.CORRECTION_REQUEST_DAYS:
        raise IllegalTransition(_("补正应在收到申请之日起7个工作日内一次性告知。"))
    if not note.strip():
        raise IllegalTransition(_("请写明需要补正的事项。"))
    request.correction_requested_on = on
    request.correction_days = days
    request.correction_due_on = calendar.add_working_days(on, days)
    request.correction_note = note
    request.save()
    return cases.pause(case, "request_correction", actor, on=on, reason=_("等待补正"), note=note)


@case_action("receive_correction")
def receive_correction(case: Case, actor, *, on: date) -> Case:
    """The correction arrived: the 20 working days count again from this day (Art. 30)."""
    require_legal(case, "receive_correction", actor)
    request = case.disclosure
    if on < request.correction_requested_on:
        raise IllegalTransition(_("收到补正的日期不能早于告知补正的日期。"))
    request.correction_received_on = on
    request.save()
    return cases.restart_clock(case, "receive_correction", actor, on=on, note=_("已收到补正材料"))


@case_action("withdraw")
def withdraw_without_correction(case: Case, actor, *, on: date) -> Case:
    """No correction by the deadline: the application counts as withdrawn (Art. 30), which
    answers it; the clock stops on `on`."""
    require_legal(case, "withdraw", actor)
    request = case.disclosure
    if on <= request.correction_due_on:
        raise IllegalTransition(_("补正期限尚未届满。"))
    request.outcome = Outcome.OTHER
    request.sub_reason = "correction_overdue"
    request.decided_on = on
    request.save()
    text = _("申请人逾期未补正，视为放弃申请")
    answered = cases.answer(case, "withdraw", actor, text=text, on=on, public=False, note=text)
    notify.applicant_answered(answered)
    return answered


def consult_third_party(case: Case, actor, *, on: date, third_party: str) -> Case:
    """Stop the clock while a third party has 15 working days to answer (Art. 32)."""
    if not third_party.strip():
        raise IllegalTransition(_("请填写第三方名称。"))
    with transaction.atomic():
        case = cases.pause_clock(
            case, actor, on=on, reason=_("征求第三方意见：%(who)s") % {"who": third_party}
        )
        DisclosureRequest.objects.filter(case=case).update(
            third_party=third_party,
            third_party_asked_on=on,
            third_party_due_on=calendar.add_working_days(on, k.THIRD_PARTY_DAYS),
        )
    return case


def third_party_answered(case: Case, actor, *, on: date) -> Case:
    return cases.resume_clock(case, actor, on=on)


def extend(case: Case, approver, *, days: int, reason: str) -> Case:
    """At most 20 more working days, approved by the unit's head, noticed to the applicant (Art. 33)."""
    return cases.extend(case, approver, days=days, reason=reason, max_days=k.MAX_EXTENSION_DAYS)


def _fee_quote(request: DisclosureRequest, method: str, pages: int | None) -> fees.FeeQuote:
    if method == DisclosureRequest.FeeMethod.BY_COUNT:
        return fees.quote_for_nth_request(fees.nth_request_of(request))
    if method == DisclosureRequest.FeeMethod.BY_PAGES:
        if not pages or pages < 1:
            raise IllegalTransition(_("按量计收时请填写页数。"))
        return fees.quote_for_pages(pages)
    raise IllegalTransition(_("请选择收费方式（按件计收或按量计收）。"))


@case_action("notify_fee")
def notify_fee(case: Case, actor, *, on: date, method: str, pages: int | None = None) -> Case:
    """Send the fee notice (收费通知): the clock waits while the applicant has 20 working days
    to pay. One method per request, by count this month or by pages."""
    require_legal(case, "notify_fee", actor)
    request = case.disclosure
    if request.fee_notified_on is not None:
        raise IllegalTransition(_("收费通知只能发出一次。"))
    if on < case.clock_started_on:
        raise IllegalTransition(_("收费通知日期不能早于受理日期。"))
    quote = _fee_quote(request, method, pages)
    if not quote.amount:
        raise IllegalTransition(
            _("按此方式计算无需收取信息处理费（%(tier)s）。") % {"tier": quote.tier}
        )
    request.fee_method = method
    request.fee_pages = pages if method == DisclosureRequest.FeeMethod.BY_PAGES else None
    request.fee_yuan = quote.amount
    request.fee_notified_on = on
    request.fee_due_on = calendar.add_working_days(on, k.FEE_PAYMENT_DAYS)
    request.save()
    note = _("信息处理费%(amount)s元（%(tier)s），请于%(due)s前缴纳") % {
        "amount": quote.amount,
        "tier": quote.tier,
        "due": request.fee_due_on.isoformat(),
    }
    return cases.pause(
        case,
        "notify_fee",
        actor,
        on=on,
        reason=_("等待缴纳信息处理费"),
        note=note,
        details={"fee": str(quote.amount)},
    )


@case_action("record_payment")
def record_payment(case: Case, actor, *, on: date) -> Case:
    """The applicant paid within the deadline: the clock runs again from the next day."""
    require_legal(case, "record_payment", actor)
    request = case.disclosure
    if on < request.fee_notified_on:
        raise IllegalTransition(_("缴费日期不能早于收费通知日期。"))
    if on > request.fee_due_on:
        raise IllegalTransition(
            _("缴费期限（%(due)s）已过，应答复“逾期未按收费通知要求缴纳费用”。")
            % {"due": request.fee_due_on.isoformat()}
        )
    request.fee_paid_on = on
    request.save()
    note = _("已缴纳信息处理费%(amount)s元") % {"amount": request.fee_yuan}
    return cases.resume(case, "record_payment", actor, on=on, note=note)


def checked_sub_reason(outcome: str, sub_reason: str) -> str:
    """The sub-reason to store for a statutory outcome ("" where the law lists none)."""
    if outcome not in Outcome.values:
        raise IllegalTransition(_("请选择法定的处理结果。"))
    if not outcome_needs_sub_reason(outcome):
        return ""
    if sub_reason not in dict(SUB_REASONS[outcome]):
        raise IllegalTransition(_("请选择具体情形。"))
    return sub_reason


def _check_fee_overdue(case: Case, outcome: str, sub_reason: str, on: date) -> None:
    """While a fee is awaited the only answer is "fee overdue", and only after the deadline."""
    fee_overdue = (outcome, sub_reason) == (Outcome.OTHER, "fee_overdue")
    if case.state == k.AWAITING_FEE and not fee_overdue:
        raise IllegalTransition(_("待缴费期间，只能在缴费期限届满后以“逾期未缴费”答复。"))
    if fee_overdue and case.state != k.AWAITING_FEE:
        raise IllegalTransition(_("只有发出收费通知且申请人未缴费时，才能以“逾期未缴费”答复。"))
    due = case.disclosure.fee_due_on
    if fee_overdue and on <= due:
        raise IllegalTransition(_("缴费期限（%(due)s）尚未届满。") % {"due": due.isoformat()})


@case_action("reply")
def reply(
    case: Case,
    actor,
    *,
    outcome: str,
    sub_reason: str = "",
    text: str,
    responsible_body: str = "",
    on: date | None = None,
) -> Case:
    """Answer with a statutory outcome (and its sub-reason where the law lists them)."""
    on = on or timezone.localdate()
    require_legal(case, "reply", actor)
    sub_reason = checked_sub_reason(outcome, sub_reason)
    _check_fee_overdue(case, outcome, sub_reason, on)
    request = case.disclosure
    request.outcome = outcome
    request.sub_reason = sub_reason
    request.responsible_body = responsible_body
    request.decided_on = on
    request.save()
    answered = cases.answer(
        case,
        "reply",
        actor,
        text=text,
        on=on,
        public=False,
        details={"outcome": outcome, "sub_reason": request.sub_reason},
    )
    notify.applicant_answered(answered)
    return answered


def close(case: Case, actor) -> Case:
    return cases.close(case, actor)


def rederive_waiting_periods(*, since: date, actor=None) -> int:
    """The holiday table changed: count again the periods the applicant or a third party
    has while a request waits on them (correction, third party, fee). Returns how many moved."""
    work_calendar = calendar.load()
    periods = [
        (k.AWAITING_CORRECTION, "correction_due_on", "correction_requested_on", "correction_days"),
        (k.CONSULTING, "third_party_due_on", "third_party_asked_on", None),
        (k.AWAITING_FEE, "fee_due_on", "fee_notified_on", None),
    ]
    fixed_days = {"third_party_due_on": k.THIRD_PARTY_DAYS, "fee_due_on": k.FEE_PAYMENT_DAYS}
    moved = []
    for state, due_field, start_field, days_field in periods:
        waiting = DisclosureRequest.objects.select_for_update().filter(
            Q(**{f"{due_field}__gte": since}),
            case__state=state,
            **{f"{start_field}__isnull": False},
        )
        if days_field:
            waiting = waiting.filter(**{f"{days_field}__isnull": False})
        for request in waiting:
            days = getattr(request, days_field) if days_field else fixed_days[due_field]
            due = work_calendar.add_working_days(getattr(request, start_field), days)
            if due != getattr(request, due_field):
                moved.append((request.pk, due_field, getattr(request, due_field), due))
                DisclosureRequest.objects.filter(pk=request.pk).update(**{due_field: due})
    if moved:
        audit.record(
            "disclosure.rederive_waiting_periods",
            actor=actor,
            details={
                "moved": [
                    {"request": pk, "field": name, "old": str(old), "new": str(new)}
                    for pk, name, old, new in moved
                ]
            },
        )
    return len(moved)
