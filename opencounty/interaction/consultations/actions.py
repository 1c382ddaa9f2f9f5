"""Every state change of a consultation: comments, their moderation and adoption, the feedback.

Each staff verb checks the actor is staff of the page's unit (or of the county office),
writes inside one transaction with the contested row locked, and records to the audit log;
refusals are audited outside that transaction so they survive its rollback.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.core import audit
from opencounty.core.access import sees_every_unit, works_for
from opencounty.core.crypto import blind_index
from opencounty.core.textcheck import find_hits
from opencounty.interaction.consultations.figures import feedback_figures
from opencounty.interaction.models import (
    ConsultationComment,
    ConsultationFeedback,
    ConsultationPage,
    ConsultationSection,
)
from opencounty.limits import store as limits
from opencounty.portal.cache import invalidate_pages
from opencounty.portal.units import unit_for_page

State = ConsultationComment.State
Adoption = ConsultationComment.Adoption
REASON_NEEDED = (Adoption.PARTLY, Adoption.NOT_ADOPTED)


class ConsultationError(ValueError):
    """A verb that is not possible now; the message is in Chinese, for the user."""


def can_moderate(user, page: ConsultationPage) -> bool:
    """Staff of the page's own unit, and the county office (which looks after every unit)."""
    unit = unit_for_page(page)
    return sees_every_unit(user) or (unit is not None and works_for(user, unit))


def _page_of(obj) -> ConsultationPage:
    return obj if isinstance(obj, ConsultationPage) else obj.page


def staff_action(verb: str):
    """Wrap a staff verb: check the actor, run in one transaction, audit refusals."""

    def decorator(func):
        @functools.wraps(func)
        def wrapper(obj, actor, **kwargs):
            page = _page_of(obj)
            if not can_moderate(actor, page):
                _refused(verb, actor, obj, "not_staff_of_unit")
                raise PermissionDenied(_("您无权处理其他单位的意见征集。"))
            try:
                with transaction.atomic():
                    return func(obj, actor, **kwargs)
            except ConsultationError as exc:
                _refused(verb, actor, obj, str(exc))
                raise

        return wrapper

    return decorator


def _refused(verb: str, actor, obj, reason: str) -> None:
    audit.record(
        f"consultation.{verb}", actor=actor, obj=obj, outcome="failure", details={"reason": reason}
    )


COMMENT_LIMIT_SCOPE = "consultations:comments"


def _check_open(page: ConsultationPage) -> None:
    today = timezone.localdate()
    if not page.live or today < page.opens_on:
        raise ConsultationError(
            _("本次意见征集将于%(date)s开始，届时方可提交意见。")
            % {"date": page.opens_on.isoformat()}
        )
    if today > page.closes_on:
        raise ConsultationError(
            _("本次意见征集已于%(date)s结束，不再接收意见。") % {"date": page.closes_on.isoformat()}
        )


def submit_comment(
    page: ConsultationPage,
    *,
    phone: str,
    text: str,
    name: str = "",
    section: ConsultationSection | None = None,
    client: str = "",
) -> ConsultationComment:
    """Store a comment from the public (pending moderation) before it is acknowledged."""
    _check_open(page)
    if section is not None and section.page_id != page.pk:
        raise ConsultationError(_("所选章节不属于本次征集。"))
    if not phone.strip() or not text.strip():
        raise ConsultationError(_("请填写联系电话和意见内容。"))
    if (
        limits.count(COMMENT_LIMIT_SCOPE, client or "unknown")
        >= settings.CONSULTATION_COMMENTS_PER_IP_PER_HOUR
    ):
        audit.record(
            "consultation.submit_comment", obj=page, outcome="failure", details={"reason": "rate"}
        )
        raise ConsultationError(_("您提交意见过于频繁，请一小时后再试。"))
    with transaction.atomic():
        comment = ConsultationComment.objects.create(
            page=page,
            section=section,
            name=name.strip(),
            phone=phone.strip(),
            text=text.strip(),
            client_key=blind_index(client or "unknown"),
            flagged_words=[hit.phrase for hit in find_hits(name, text)],
        )
        audit.record(
            "consultation.submit_comment",
            obj=comment,
            details={
                "page": page.pk,
                "section": section.pk if section else None,
                "flagged": comment.flagged_words,
            },
        )
    limits.hit(COMMENT_LIMIT_SCOPE, client or "unknown", seconds=3600)
    return comment


def _locked_comment(comment: ConsultationComment) -> ConsultationComment:
    return ConsultationComment.objects.select_for_update().get(pk=comment.pk)


def _locked_feedback(page: ConsultationPage) -> ConsultationFeedback:
    """The feedback row, locked, with the page as stored now (its period may have been edited)."""
    ConsultationFeedback.objects.get_or_create(page=page)
    return (
        ConsultationFeedback.objects.select_for_update().select_related("page").get(page_id=page.pk)
    )


def _moderate(comment: ConsultationComment, actor, state: str, reason: str = ""):
    # Two moderators can open the same comment: lock it and decide once.
    locked = _locked_comment(comment)
    if locked.state != State.PENDING:
        raise ConsultationError(
            _("该意见已审核（%(state)s），不能重复审核。") % {"state": locked.get_state_display()}
        )
    locked.state = state
    locked.rejection_reason = reason
    locked.moderated_by = actor
    locked.moderated_at = timezone.now()
    locked.save()
    return locked


@staff_action("approve_comment")
def approve_comment(comment: ConsultationComment, actor) -> ConsultationComment:
    """Publish a comment on the consultation page."""
    locked = _moderate(comment, actor, State.APPROVED)
    audit.record("consultation.approve_comment", actor=actor, obj=locked)
    transaction.on_commit(invalidate_pages)
    return locked


@staff_action("reject_comment")
def reject_comment(comment: ConsultationComment, actor, *, reason: str) -> ConsultationComment:
    """Keep a comment out of public view, with the reason (the comment itself is kept)."""
    if not reason.strip():
        raise ConsultationError(_("不予公开必须填写理由。"))
    locked = _moderate(comment, actor, State.REJECTED, reason.strip())
    audit.record(
        "consultation.reject_comment", actor=actor, obj=locked, details={"reason": reason.strip()}
    )
    return locked


@staff_action("decide_adoption")
def decide_adoption(
    comment: ConsultationComment, actor, *, adoption: str, reason: str = ""
) -> ConsultationComment:
    """Record whether a published comment is adopted, partly adopted, or not adopted and why."""
    feedback = _locked_feedback(comment.page)
    if feedback.is_published:
        raise ConsultationError(_("意见采纳情况反馈已发布，不能再修改采纳决定。"))
    if adoption not in Adoption.values:
        raise ConsultationError(_("请选择采纳情况。"))
    if adoption in REASON_NEEDED and not reason.strip():
        raise ConsultationError(_("部分采纳或未采纳的，必须说明理由。"))
    locked = _locked_comment(comment)
    if locked.state != State.APPROVED:
        raise ConsultationError(_("只能对已公开的意见作出采纳决定。"))
    locked.adoption = adoption
    locked.adoption_reason = reason.strip()
    locked.decided_by = actor
    locked.save()
    audit.record(
        "consultation.decide_adoption",
        actor=actor,
        obj=locked,
        details={"adoption": adoption, "reason": locked.adoption_reason},
    )
    return locked


@staff_action("publish_feedback")
def publish_feedback(page: ConsultationPage, actor, *, text: str) -> ConsultationFeedback:
    """Publish the feedback summary (意见采纳情况反馈) after the period has closed."""
    feedback = _locked_feedback(page)
    page = feedback.page
    if not page.has_closed():
        raise ConsultationError(_("征集期尚未结束，不能发布意见采纳情况反馈。"))
    if feedback.is_published:
        raise ConsultationError(_("意见采纳情况反馈已经发布。"))
    if not text.strip():
        raise ConsultationError(_("请填写反馈说明。"))
    figures = feedback_figures(page)
    if figures.pending:
        raise ConsultationError(
            _("还有%(count)d条意见尚未审核，请先审核。") % {"count": figures.pending}
        )
    if figures.undecided:
        raise ConsultationError(
            _("还有%(count)d条已公开的意见尚未作出采纳决定。") % {"count": figures.undecided}
        )
    feedback.text = text.strip()
    feedback.published_at = timezone.now()
    feedback.published_by = actor
    feedback.save()
    audit.record(
        "consultation.publish_feedback",
        actor=actor,
        obj=page,
        details={
            "received": figures.received,
            "adopted": figures.adopted,
            "partly": figures.partly,
            "not_adopted": figures.not_adopted,
        },
    )
    transaction.on_commit(invalidate_pages)
    return feedback


@staff_action("archive")
def archive(page: ConsultationPage, actor) -> ConsultationFeedback:
    """Archive a consultation; only once it has closed and its feedback is published."""
    feedback = _locked_feedback(page)
    if not feedback.page.has_closed():
        raise ConsultationError(_("征集期内不能归档。"))
    if not feedback.is_published:
        raise ConsultationError(_("意见采纳情况反馈尚未发布，不能归档。"))
    if feedback.is_archived:
        raise ConsultationError(_("本次意见征集已经归档。"))
    feedback.archived_at = timezone.now()
    feedback.archived_by = actor
    feedback.save()
    audit.record("consultation.archive", actor=actor, obj=page)
    return feedback
