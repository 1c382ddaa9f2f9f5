"""The error report as a kind of case: states, legal verbs and the reply limit."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds

SUBMITTED = "submitted"  # waiting for the owning unit (待处理)
HANDLING = "handling"  # accepted by the unit (处理中)
FIXED = "fixed"  # the page was corrected (已修正)
NOT_AN_ERROR = "not_an_error"  # checked, the page is right (经核实无误)
REPLIED = "replied"  # answered otherwise (已答复)
CLOSED = "closed"  # 已办结

# States in which the unit still owes the reporter an answer (the clock's marks apply).
OPEN = frozenset({SUBMITTED, HANDLING})
ANSWERED = frozenset({FIXED, NOT_AN_ERROR, REPLIED})

ERROR_REPORT = kinds.register(
    kinds.CaseKind(
        code="error_report",
        label=_("网站纠错"),
        receipt_prefix=getattr(settings, "ERROR_REPORT_RECEIPT_PREFIX", "ZC"),
        time_limit=settings.ERROR_REPORT_REPLY_DAYS,
        states={
            SUBMITTED: _("待处理"),
            HANDLING: _("处理中"),
            FIXED: _("已修正"),
            NOT_AN_ERROR: _("经核实无误"),
            REPLIED: _("已答复"),
            CLOSED: _("已办结"),
        },
        initial_state=SUBMITTED,
        transitions={
            "accept": (frozenset({SUBMITTED}), HANDLING),
            # The receiving unit accepts it again; the reporter's deadline does not move.
            "transfer": (OPEN, SUBMITTED),
            "mark_fixed": (OPEN, FIXED),
            "mark_not_an_error": (OPEN, NOT_AN_ERROR),
            "reply": (OPEN, REPLIED),
            "close": (ANSWERED, CLOSED),
        },
        closed_states=frozenset({CLOSED}),
        transfer_restarts_clock=False,
        lookup_template="interaction/error_reports/lookup_details.html",
    )
)
