"""How staff handle a mailbox letter: the engine's screens read this (cases.kinds.Handling)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds
from opencounty.cases.actions import approvers_condition, is_approver
from opencounty.cases.kinds import Handling, Permission, StaffVerb
from opencounty.interaction import kinds as k
from opencounty.interaction.letters import actions
from opencounty.interaction.letters import staff_forms as forms

UNANSWERED_MONTHS = 3

DISPATCHERS = Permission(
    lambda user, case: actions.is_dispatcher(user),
    _("只有县电子政务办的分办人员可以分办来信。"),
    lambda user: Q() if actions.is_dispatcher(user) else Q(pk__in=[]),
)
REVIEWERS = Permission(is_approver, _("答复须由承办单位的审核人审核。"), approvers_condition)
SELECTORS = Permission(is_approver, _("选登须由承办单位的审核人决定。"), approvers_condition)
WITHDRAWERS = Permission(
    lambda user, case: is_approver(user, case) or actions.is_dispatcher(user),
    _("只有承办单位的审核人或县电子政务办可以撤销公开。"),
    lambda user: Q() if actions.is_dispatcher(user) else approvers_condition(user),
)


def long_unanswered(cases, today):
    """Letters of the last year still unanswered more than three months after arrival:
    a single-veto item of the national inspection."""
    now = timezone.now()
    return cases.filter(
        replied_at__isnull=True,
        closed_at__isnull=True,
        submitted_at__lt=now - timedelta(days=UNANSWERED_MONTHS * 30),
        submitted_at__gte=now - timedelta(days=365),
    )


def _notice(user, cases, today):
    unanswered = list(long_unanswered(cases, today).select_related("unit"))
    if not unanswered:
        return None
    return "interaction/letters/admin/_unanswered.html", {"unanswered": unanswered}


def _detail_context(case, user, today, work_calendar) -> dict:
    return {"letter": case.letter, "rating_ends": actions.rating_period_ends(case)}


VERBS = {
    "route": StaffVerb(
        _("转办"),
        forms.RouteForm,
        lambda case, user, d: actions.route(case, user, to_unit=d["to_unit"], note=d["note"]),
    ),
    "release": StaffVerb(
        _("放行（解除暂存）"),
        forms.ConfirmForm,
        lambda case, user, d: actions.release(case, user),
        shown=lambda case, user: case.letter.held,
        where=lambda user, today: Q(letter__held=True),
    ),
    "draft_reply": StaffVerb(
        _("起草答复"),
        forms.DraftForm,
        lambda case, user, d: actions.draft_reply(case, user, text=d["text"]),
        form_kwargs=lambda case, user: {"initial": {"text": case.letter.draft_reply}},
    ),
    "approve_reply": StaffVerb(
        _("审核通过并答复"),
        forms.ConfirmForm,
        lambda case, user, d: actions.approve_reply(case, user),
        shown=lambda case, user: case.letter.drafted_by_id != user.pk,
        where=lambda user, today: ~Q(letter__drafted_by=user.pk),
    ),
    "return_draft": StaffVerb(
        _("退回修改"),
        forms.ReasonForm,
        lambda case, user, d: actions.return_draft(case, user, reason=d["reason"]),
    ),
    "send_back": StaffVerb(
        _("退回县电子政务办"),
        forms.ReasonForm,
        lambda case, user, d: actions.send_back(case, user, reason=d["reason"]),
    ),
    "transfer": StaffVerb(
        _("转交其他单位"),
        forms.PassOnForm,
        lambda case, user, d: actions.pass_on(case, user, to_unit=d["to_unit"], reason=d["reason"]),
    ),
    "close": StaffVerb(
        _("不予受理并办结"),
        forms.ReasonForm,
        lambda case, user, d: actions.close_invalid(case, user, reason=d["reason"]),
    ),
    "conclude_unrated": StaffVerb(
        _("评价期满，办结"),
        forms.ConfirmForm,
        lambda case, user, d: actions.conclude_unrated(case, user),
        shown=lambda case, user: actions.rating_period_over(case),
        where=lambda user, today: actions.rating_period_over_condition(today),
    ),
    "publish_reply": StaffVerb(
        _("选登公开"),
        forms.PublishForm,
        lambda case, user, d: actions.publish_reply(
            case,
            user,
            title=d["title"],
            content=d["content"],
            reply=d["reply"],
            override_reason=d["override_reason"],
        ),
        shown=lambda case, user: actions.publishable(case) and not case.letter.is_published,
        form_kwargs=lambda case, user: {"initial": actions.public_texts(case)},
        optional=True,
    ),
    "withdraw_publication": StaffVerb(
        _("撤销公开"),
        forms.ReasonForm,
        lambda case, user, d: actions.withdraw_publication(case, user, reason=d["reason"]),
        shown=lambda case, user: case.letter.is_published,
        optional=True,
    ),
}


def register() -> None:
    kinds.register_handling(
        k.LETTER.code,
        Handling(
            admin_path="letters",
            menu_label=_("信箱来信"),
            menu_icon="mail",
            menu_order=260,
            verbs=VERBS,
            permissions={
                "route": DISPATCHERS,
                "release": DISPATCHERS,
                "close": DISPATCHERS,
                "approve_reply": REVIEWERS,
                "return_draft": REVIEWERS,
                "publish_reply": SELECTORS,
                "withdraw_publication": WITHDRAWERS,
            },
            related=("letter",),
            detail_template="interaction/letters/admin/detail.html",
            detail_context=_detail_context,
            list_columns=((_("类型"), "interaction/letters/admin/_kind_cell.html"),),
            list_filters={
                "held": (
                    _("只看待甄别"),
                    lambda cases, user: cases.filter(letter__held=True),
                    actions.is_dispatcher,
                )
            },
            list_notice=_notice,
        ),
    )
