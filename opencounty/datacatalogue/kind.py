"""A sharing request (数据共享申请) as a kind of case: the provider answers within 10 working days."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds

SUBMITTED = "submitted"  # waiting for the provider (待答复)
GRANTED = "granted"  # 同意共享
REFUSED = "refused"  # 不予共享

DATA_SHARING = kinds.register(
    kinds.CaseKind(
        code="data_sharing",
        label=_("数据共享申请"),
        receipt_prefix="GX",
        time_limit=settings.DATA_SHARING_REPLY_DAYS,
        states={SUBMITTED: _("待答复"), GRANTED: _("同意共享"), REFUSED: _("不予共享")},
        initial_state=SUBMITTED,
        transitions={
            "grant": (frozenset({SUBMITTED}), GRANTED),
            "refuse": (frozenset({SUBMITTED}), REFUSED),
        },
        closed_states=frozenset({GRANTED, REFUSED}),
        verb_labels={"grant": _("同意共享"), "refuse": _("不予共享")},
        # The requester is a unit: it reads the answer on its own screen, not by mail.
        notify_submitter=False,
        unit_summary=lambda case: (_("提供单位"), case.unit.name),
    )
)
