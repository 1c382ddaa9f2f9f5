"""The clock of a 专报 (信息专报 on an emergency): due a configured number of hours after the
event, on the case engine's minute clock, so that the supervision board shows it yellow as the
time runs out, red when it has run out, and flags it 专报迟报 once sent late.

The item itself stays a `Submission`; its `clock` is an engine case of kind
`special_report` (no public side, no staff inbox of its own) that the submission verbs drive:
written with an event time → the clock runs from the event; the event time corrected → it
runs again from the corrected time; approved (the item leaves the unit) → concluded; no
longer a 专报 → withdrawn.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.cases import actions as cases
from opencounty.cases import kinds
from opencounty.cases.models import Case

WRITING, REPORTED, WITHDRAWN = "writing", "reported", "withdrawn"

SPECIAL_REPORT = kinds.register(
    kinds.CaseKind(
        code="special_report",
        label=_("信息专报"),
        receipt_prefix="ZB",
        time_limit=60,  # minutes; each clock takes SUBMISSIONS_SPECIAL_REPORT_HOURS when made
        states={WRITING: _("待报送"), REPORTED: _("已报送"), WITHDRAWN: _("已撤销")},
        initial_state=WRITING,
        transitions={
            "event_time": (frozenset({WRITING}), None),
            "report": (frozenset({WRITING}), REPORTED),
            "withdraw": (frozenset({WRITING}), WITHDRAWN),
        },
        closed_states=frozenset({REPORTED, WITHDRAWN}),
        verb_labels={
            "event_time": _("更正事件发生时间"),
            "report": _("专报已报送"),
            "withdraw": _("不再作为专报"),
        },
        notify_submitter=False,
        clock_unit=kinds.MINUTES,
    )
)


def _limit_minutes() -> int:
    return settings.SUBMISSIONS_SPECIAL_REPORT_HOURS * 60


def follow(submission, actor, *, is_special: bool, at: datetime) -> None:
    """Keep the item's clock in step with the item, inside the caller's transaction."""
    clock = submission.clock
    if clock is not None:
        clock = Case.objects.select_for_update().get(pk=clock.pk)
    if is_special and submission.event_at is not None:
        if clock is None:
            clock, _code = cases.submit(
                SPECIAL_REPORT.code,
                unit=submission.unit,
                title=submission.title,
                submitter_name=actor.get_full_name() or actor.get_username(),
                clock_starts_at=submission.event_at,
                time_limit=_limit_minutes(),
            )
            submission.clock = clock
            submission.save(update_fields=["clock"])
        elif clock.state == WRITING and clock.clock_started_at != submission.event_at:
            cases.restart_clock(
                clock,
                "event_time",
                actor,
                on=timezone.localdate(submission.event_at),
                at=submission.event_at,
            )
    elif clock is not None and clock.state == WRITING:
        cases.conclude(clock, "withdraw", actor, at=at)


def reported(submission, actor, *, at: datetime) -> None:
    """The item left its unit: the 专报 is sent, in time or late."""
    if submission.clock_id is None:
        return
    clock = Case.objects.select_for_update().get(pk=submission.clock_id)
    if clock.state == WRITING:
        cases.conclude(clock, "report", actor, at=at)


def late_flags(candidates: QuerySet[Case]) -> dict[int, list]:
    """Supervision: a 专报 sent after its time is flagged (shown for a month after)."""
    late = candidates.filter(
        kind=SPECIAL_REPORT.code, state=REPORTED, closed_at__gt=F("due_at")
    ).values_list("pk", flat=True)
    return {pk: [_("专报迟报")] for pk in late}
