"""The administrative penalty case (行政处罚案件) as a kind of case: its statutory steps and the
decision's time limit (行政处罚法 art. 60: within 90 days of 立案 unless extended)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds

REGISTERED = "registered"  # 已立案
INVESTIGATED = "investigated"  # 调查取证完毕
NOTIFIED = "notified"  # 已告知（陈述申辩/听证）
DECIDED = "decided"  # 已作出处罚决定
DELIVERED = "delivered"  # 已送达
EXECUTED = "executed"  # 执行完毕
CLOSED = "closed"  # 已结案

BEFORE_DECISION = frozenset({REGISTERED, INVESTIGATED, NOTIFIED})
AFTER_DECISION = frozenset({DECIDED, DELIVERED, EXECUTED, CLOSED})

PENALTY = kinds.register(
    kinds.CaseKind(
        code="penalty",
        label=_("行政处罚"),
        receipt_prefix="CF",
        time_limit=settings.POWERS_PENALTY_DECISION_DAYS,
        clock_unit=kinds.CALENDAR_DAYS,
        states={
            REGISTERED: _("已立案"),
            INVESTIGATED: _("调查取证完毕"),
            NOTIFIED: _("已告知，待陈述申辩或听证"),
            DECIDED: _("已作出处罚决定"),
            DELIVERED: _("决定书已送达"),
            EXECUTED: _("执行完毕"),
            CLOSED: _("已结案"),
        },
        initial_state=REGISTERED,
        transitions={
            "investigate": (frozenset({REGISTERED}), INVESTIGATED),
            "notify_party": (frozenset({INVESTIGATED}), NOTIFIED),
            "record_defence": (frozenset({NOTIFIED}), None),
            "decide": (frozenset({NOTIFIED}), DECIDED),
            "deliver": (frozenset({DECIDED}), DELIVERED),
            "execute": (frozenset({DELIVERED}), EXECUTED),
            "close": (frozenset({EXECUTED}), CLOSED),
            "extend": (BEFORE_DECISION, None),
            "publish": (AFTER_DECISION, None),
        },
        closed_states=frozenset({CLOSED}),
        # The party is told by the decision document served on them, not by mail from here.
        notify_submitter=False,
        verb_labels={
            "submit": _("立案"),
            "investigate": _("调查取证"),
            "notify_party": _("告知（陈述申辩/听证）"),
            "record_defence": _("记录陈述申辩或听证"),
            "decide": _("作出处罚决定"),
            "deliver": _("送达"),
            "execute": _("执行"),
            "close": _("结案"),
            "extend": _("延长办案期限"),
            "publish": _("双公示"),
        },
    )
)
