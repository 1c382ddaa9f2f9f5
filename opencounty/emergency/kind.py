"""The incident report (突发事件信息报送) as a kind of case whose clock counts minutes.

The clock runs from the event: the written first report (首报) is due
EMERGENCY_FIRST_REPORT_MINUTES after it; each report starts the next interval of
EMERGENCY_FOLLOW_UP_MINUTES until the final report (终报) closes the case.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds

AWAITING_FIRST = "awaiting_first"  # phoned in, the written first report is due (待首报)
FOLLOWING = "following"  # reported, the next follow-up is due (续报中)
CLOSED = "closed"  # 已终报

OPEN = frozenset({AWAITING_FIRST, FOLLOWING})

INCIDENT = kinds.register(
    kinds.CaseKind(
        code="incident",
        label=_("突发事件信息"),
        receipt_prefix="TF",
        clock_unit=kinds.MINUTES,
        time_limit=settings.EMERGENCY_FIRST_REPORT_MINUTES,
        warning_days=15,
        states={
            AWAITING_FIRST: _("待书面首报"),
            FOLLOWING: _("待续报"),
            CLOSED: _("已终报"),
        },
        initial_state=AWAITING_FIRST,
        transitions={
            "first_report": (frozenset({AWAITING_FIRST}), FOLLOWING),
            "follow_up": (frozenset({FOLLOWING}), FOLLOWING),
            "final_report": (OPEN, CLOSED),
            "instruct": (frozenset({AWAITING_FIRST, FOLLOWING, CLOSED}), None),
        },
        closed_states=frozenset({CLOSED}),
        verb_labels={
            "first_report": _("书面首报"),
            "follow_up": _("续报"),
            "final_report": _("终报"),
            "instruct": _("领导批示"),
        },
        notify_submitter=False,
    )
)
