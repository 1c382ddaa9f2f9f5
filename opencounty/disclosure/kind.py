"""The disclosure request as a kind of case: states, legal verbs and the 20-working-day limit."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds

ANSWER_DAYS = 20  # Art. 33
MAX_EXTENSION_DAYS = 20  # Art. 33
CORRECTION_REQUEST_DAYS = 7  # Art. 30: ask within 7 working days of receipt
THIRD_PARTY_DAYS = 15  # Art. 32
FEE_PAYMENT_DAYS = (
    20  # 《政府信息公开信息处理费管理办法》: pay within 20 working days of the notice
)

SUBMITTED = "submitted"
REGISTERED = "registered"
AWAITING_CORRECTION = "awaiting_correction"
CONSULTING = "consulting"
AWAITING_FEE = "awaiting_fee"
REPLIED = "replied"
WITHDRAWN = "withdrawn"
CLOSED = "closed"

OPEN = frozenset({REGISTERED, CONSULTING})

DISCLOSURE_REQUEST = kinds.register(
    kinds.CaseKind(
        code="disclosure",
        label=_("依申请公开"),
        receipt_prefix=getattr(settings, "DISCLOSURE_RECEIPT_PREFIX", "YSQ"),
        time_limit=ANSWER_DAYS,
        states={
            SUBMITTED: _("待登记"),
            REGISTERED: _("办理中"),
            AWAITING_CORRECTION: _("待补正"),
            CONSULTING: _("征求意见中"),
            AWAITING_FEE: _("待缴费"),
            REPLIED: _("已答复"),
            WITHDRAWN: _("视为撤回"),
            CLOSED: _("已办结"),
        },
        initial_state=SUBMITTED,
        transitions={
            "receive": (frozenset({SUBMITTED}), REGISTERED),
            "assign": (OPEN | {AWAITING_CORRECTION, AWAITING_FEE}, None),
            "transfer": (frozenset({SUBMITTED}), None),
            "request_correction": (frozenset({REGISTERED}), AWAITING_CORRECTION),
            "receive_correction": (frozenset({AWAITING_CORRECTION}), REGISTERED),
            "withdraw": (frozenset({AWAITING_CORRECTION}), WITHDRAWN),
            "pause": (frozenset({REGISTERED}), CONSULTING),
            "resume": (frozenset({CONSULTING}), REGISTERED),
            "extend": (OPEN, None),
            "notify_fee": (frozenset({REGISTERED}), AWAITING_FEE),
            "record_payment": (frozenset({AWAITING_FEE}), REGISTERED),
            # From awaiting_fee only to say the fee was not paid in time (checked in the action).
            "reply": (frozenset({REGISTERED, AWAITING_FEE}), REPLIED),
            "close": (frozenset({REPLIED, WITHDRAWN}), CLOSED),
        },
        closed_states=frozenset({CLOSED}),
        transfer_restarts_clock=True,
        lookup_template="disclosure/lookup_details.html",
    )
)
