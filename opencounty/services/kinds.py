"""The services app's kinds of case: online applications and the rectification of bad reviews."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds

# Application states
SUBMITTED = "submitted"  # 待受理
NOTIFIED = "notified"  # 一次性告知补正
ACCEPTED = "accepted"  # 已受理/办理中
REPORTED = "reported"  # 上报中 (上报件)
COMPLETED = "completed"  # 办结：准予
REFUSED = "refused"  # 办结：不予
REJECTED = "rejected"  # 不予受理
CLOSED = "closed"  # rated (已评价)

DECIDED = frozenset({COMPLETED, REFUSED})

APPLICATION = kinds.register(
    kinds.CaseKind(
        code="application",
        label=_("网上申请"),
        receipt_prefix="SP",
        time_limit=0,  # each application carries its item's limit
        states={
            SUBMITTED: _("待受理"),
            NOTIFIED: _("一次性告知补正"),
            ACCEPTED: _("已受理，办理中"),
            REPORTED: _("上报中"),
            COMPLETED: _("办结：准予"),
            REFUSED: _("办结：不予"),
            REJECTED: _("不予受理"),
            CLOSED: _("已评价"),
        },
        initial_state=SUBMITTED,
        transitions={
            "accept": (frozenset({SUBMITTED}), ACCEPTED),
            "reject": (frozenset({SUBMITTED}), REJECTED),
            "notify_missing": (frozenset({SUBMITTED}), NOTIFIED),
            "supplement": (frozenset({NOTIFIED}), SUBMITTED),
            "report": (frozenset({ACCEPTED}), REPORTED),
            "approve": (frozenset({ACCEPTED, REPORTED}), COMPLETED),
            "refuse": (frozenset({ACCEPTED, REPORTED}), REFUSED),
            "approve_step": (frozenset({ACCEPTED}), None),
            "refuse_step": (frozenset({ACCEPTED}), None),
            "rate": (DECIDED, CLOSED),
        },
        closed_states=frozenset({COMPLETED, REFUSED, REJECTED, CLOSED}),
        lookup_template="services/lookup_extra.html",
        verb_labels={
            "submit": _("网上申请"),
            "accept": _("受理"),
            "reject": _("不予受理"),
            "notify_missing": _("一次性告知补正"),
            "supplement": _("补正材料"),
            "report": _("上报上级机关"),
            "approve": _("办结：准予"),
            "refuse": _("办结：不予"),
            "approve_step": _("部门同意"),
            "refuse_step": _("部门不同意"),
            "rate": _("评价"),
        },
    )
)

# Rectification states
OPEN = "open"  # 整改中
RECORDED = "recorded"  # 整改完成，待反馈
FED_BACK = "fed_back"  # 已反馈
APPEALED = "appealed"  # 申诉复查中

RECTIFICATION = kinds.register(
    kinds.CaseKind(
        code="rectification",
        label=_("差评整改"),
        receipt_prefix="ZG",
        time_limit=settings.SERVICE_RECTIFICATION_DAYS,
        states={
            OPEN: _("整改中"),
            RECORDED: _("整改完成，待反馈"),
            FED_BACK: _("已反馈"),
            APPEALED: _("申诉复查中"),
        },
        initial_state=OPEN,
        transitions={
            "record_outcome": (frozenset({OPEN, APPEALED}), RECORDED),
            "feed_back": (frozenset({RECORDED}), FED_BACK),
            "appeal": (frozenset({FED_BACK}), APPEALED),
        },
        closed_states=frozenset({FED_BACK}),
        verb_labels={
            "submit": _("差评转整改"),
            "record_outcome": _("记录整改情况"),
            "feed_back": _("反馈申请人"),
            "appeal": _("申请人申诉"),
        },
    )
)
