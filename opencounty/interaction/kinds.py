"""The interaction app's kinds of case: mailbox letters and error reports."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds

# Letter states
SUBMITTED = "submitted"  # waiting for the county office's dispatchers (待分办)
ROUTED = "routed"  # with the responsible unit (办理中)
DRAFTED = "drafted"  # reply drafted, waiting for the unit's reviewer (待审核)
REPLIED = "replied"  # reply approved (已答复)
CLOSED = "closed"  # rated, or closed by the office (已办结)

LETTER = kinds.register(
    kinds.CaseKind(
        code="letter",
        label=_("信箱来信"),
        receipt_prefix=getattr(settings, "LETTER_RECEIPT_PREFIX", "XX"),
        time_limit=max(settings.LETTER_REPLY_DAYS.values()),  # each letter carries its own
        states={
            SUBMITTED: _("待分办"),
            ROUTED: _("办理中"),
            DRAFTED: _("答复待审核"),
            REPLIED: _("已答复"),
            CLOSED: _("已办结"),
        },
        initial_state=SUBMITTED,
        transitions={
            "route": (frozenset({SUBMITTED}), ROUTED),
            "send_back": (frozenset({ROUTED}), SUBMITTED),
            "transfer": (frozenset({ROUTED}), ROUTED),
            "release": (frozenset({SUBMITTED}), None),
            "draft_reply": (frozenset({SUBMITTED, ROUTED}), DRAFTED),
            "approve_reply": (frozenset({DRAFTED}), REPLIED),
            "return_draft": (frozenset({DRAFTED}), ROUTED),
            "rate": (frozenset({REPLIED}), CLOSED),
            "reopen": (frozenset({REPLIED}), ROUTED),
            "close": (frozenset({SUBMITTED, REPLIED}), CLOSED),
        },
        closed_states=frozenset({CLOSED}),
        transfer_restarts_clock=False,  # the writer's deadline does not move when units pass it on
        lookup_template="interaction/letters/lookup_extra.html",
        verb_labels={
            "route": _("转办"),
            "send_back": _("退回"),
            "transfer": _("转交"),
            "release": _("解除暂存"),
            "draft_reply": _("起草答复"),
            "approve_reply": _("审核通过并答复"),
            "return_draft": _("答复退回修改"),
            "rate": _("评价"),
            "reopen": _("重新办理"),
            "close": _("办结"),
        },
    )
)
