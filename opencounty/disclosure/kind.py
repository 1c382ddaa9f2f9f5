"""The disclosure request as a kind of case: states, legal verbs and the 20-working-day limit."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds

ANSWER_DAYS = 20  # Art. 33
MAX_EXTENSION_DAYS = 20  # Art. 33
CORRECTION_REQUEST_DAYS = 7  # Art. 30: ask within 7 working days of receipt
THIRD_PARTY_DAYS = 15  # Art. 32

SUBMITTED = "submitted"
REGISTERED = "registered"
AWAITING_CORRECTION = "awaiting_correction"
CONSULTING = "consulting"
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
            REPLIED: _("已答复"),
            WITHDRAWN: _("视为撤回"),
            CLOSED: _("已办结"),
        },
        initial_state=SUBMITTED,
        transitions={
            "receive": (frozenset({SUBMITTED}), REGISTERED),
            "assign": (OPEN | {AWAITING_CORRECTION}, None),
            "transfer": (frozenset({SUBMITTED}), None),
            "request_correction": (frozenset({REGISTERED}), AWAITING_CORRECTION),
            "receive_correction": (frozenset({AWAITING_CORRECTION}), REGISTERED),
            "withdraw": (frozenset({AWAITING_CORRECTION}), WITHDRAWN),
            "pause": (frozenset({REGISTERED}), CONSULTING),
            "resume": (frozenset({CONSULTING}), REGISTERED),
            "extend": (OPEN, None),
            "reply": (frozenset({REGISTERED}), REPLIED),
            "close": (frozenset({REPLIED, WITHDRAWN}), CLOSED),
        },
        closed_states=frozenset({CLOSED}),
        transfer_restarts_clock=True,
    )
)
