"""The interaction app's kinds of case: mailbox letters and error reports."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds

# Letter states
SUBMITTED = "submitted"  # waiting for the county office's dispatchers (待分办)
ROUTED = "routed"  # with the responsible unit (办理中)
DRAFTED = "drafted"  # reply drafted, waiting for the unit's reviewer (待审核)
REPLIED = "replied"  # reply approved (已答复)
CLOSED = "closed"  # rated, closed unrated after the rating period, or closed as invalid (已办结)


def letter_unit_summary(case) -> tuple:
    """While the dispatchers hold a letter, the summaries name the unit its writer chose
    (来信对象) rather than the county office as 承办单位."""
    if case.state != SUBMITTED:
        return _("承办单位"), case.unit.name
    chosen = case.letter.addressed_to
    return _("来信对象"), _("%(chosen)s（%(office)s分办中）") % {
        "chosen": chosen.name if chosen is not None else _("县长信箱"),
        "office": case.unit.short_name or case.unit.name,
    }


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
            "close": (frozenset({SUBMITTED}), CLOSED),
            # The writer let the rating period pass: the unit closes the letter (办结) unrated.
            "conclude_unrated": (frozenset({REPLIED}), CLOSED),
            # 选登: the reviewer's separate decision to publish a reply (or take it off again).
            "publish_reply": (frozenset({REPLIED, CLOSED}), None),
            "withdraw_publication": (frozenset({REPLIED, CLOSED}), None),
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
            "conclude_unrated": _("评价期满办结"),
            "publish_reply": _("选登公开"),
            "withdraw_publication": _("撤销公开"),
        },
        unit_summary=letter_unit_summary,
    )
)
