"""A case kind used only by the engine's own tests; real domains register theirs in their apps."""

from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds

ANY_OPEN = frozenset({"submitted", "received"})

TEST_KIND = kinds.register(
    kinds.CaseKind(
        code="engine_test",
        label=_("引擎测试件"),
        receipt_prefix="TS",
        time_limit=20,
        states={
            "submitted": "待受理",
            "received": "办理中",
            "replied": "已答复",
            "closed": "已办结",
        },
        initial_state="submitted",
        transitions={
            "receive": (frozenset({"submitted"}), "received"),
            "assign": (frozenset({"received"}), None),
            "transfer": (ANY_OPEN, None),
            "pause": (frozenset({"received"}), None),
            "resume": (frozenset({"received"}), None),
            "extend": (frozenset({"received"}), None),
            "reply": (frozenset({"received"}), "replied"),
            "close": (frozenset({"replied"}), "closed"),
        },
        closed_states=frozenset({"closed"}),
        transfer_restarts_clock=True,
    )
)
