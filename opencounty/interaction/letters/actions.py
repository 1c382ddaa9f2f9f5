"""Verbs of a mailbox letter, on top of the case engine.

A letter arrives at the county e-government office, whose dispatchers route it to
the responsible unit (转办) or answer it themselves; units send it back or pass it
on; the unit drafts a reply, its reviewer approves it; approved replies of letters
the writer allowed to publish appear on the public list with personal data
removed; the writer rates the reply and may reopen it once.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import actions as cases
from opencounty.cases import clock, notify
from opencounty.cases.actions import IllegalTransition, case_action, step
from opencounty.cases.models import Case
from opencounty.core import audit
from opencounty.core.access import sees_every_unit
from opencounty.core.calendar import CalendarNotCovered
from opencounty.core.crypto import blind_index
from opencounty.core.masking import redact
from opencounty.core.models import Role, Unit, UnitGroup
from opencounty.core.textcheck import find_hits
from opencounty.interaction import kinds as k
from opencounty.interaction.models import Letter, LetterAttachment

DUPLICATE_WINDOW_DAYS = 30
RATING_SCORES = {
    Letter.Rating.SATISFIED: 3,
    Letter.Rating.BASICALLY_SATISFIED: 2,
    Letter.Rating.DISSATISFIED: 1,
}


def dispatch_unit() -> Unit:
    """The county e-government office, whose dispatchers receive every letter first."""
    return Unit.objects.get(kind=Unit.Kind.COUNTY_OFFICE)


def is_dispatcher(user) -> bool:
    """The dispatchers are the county e-government office's staff (and superusers)."""
    return sees_every_unit(user)


def _normalised(text: str) -> str:
    return "".join(text.split())


def _hold_reasons(phone_key: str, client_key: str, title: str, content: str) -> tuple[list, object]:
    """Why a new letter should wait for a dispatcher's look, and the letter it repeats if any."""
    reasons = []
    since = timezone.now() - timedelta(days=1)
    recent = Letter.objects.filter(case__submitted_at__gte=since)
    if recent.filter(phone_key=phone_key).count() >= settings.LETTERS_PER_PHONE_PER_DAY:
        reasons.append(_("同一手机号当日来信过多"))
    if recent.filter(client_key=client_key).count() >= settings.LETTERS_PER_IP_PER_DAY:
        reasons.append(_("同一网络地址当日来信过多"))
    hits = find_hits(title, content)
    if hits:
        reasons.append(_("含敏感词：%(words)s") % {"words": "、".join(h.phrase for h in hits)})
    window = timezone.now() - timedelta(days=DUPLICATE_WINDOW_DAYS)
    same_writer = Letter.objects.filter(phone_key=phone_key, case__submitted_at__gte=window)
    duplicate = next(
        (
            earlier
            for earlier in same_writer.order_by("case__submitted_at")
            if _normalised(earlier.content) == _normalised(content)
        ),
        None,
    )
    if duplicate is not None:
        reasons.append(_("与 %(number)s 内容重复") % {"number": duplicate.case.receipt_number})
    return reasons, duplicate


@transaction.atomic
def submit_letter(
    *,
    letter_kind: str,
    addressed_to: Unit | None,
    title: str,
    content: str,
    name: str,
    phone: str,
    email: str = "",
    may_publish: bool = False,
    client_ip: str = "",
    attachments: list | None = None,
) -> tuple[Letter, str]:
    """Store a letter first, then acknowledge it. Suspicious letters are held for the
    dispatchers, never dropped. Returns the letter and its query code."""
    phone_key = blind_index(phone)
    client_key = blind_index(client_ip or "unknown")
    reasons, duplicate = _hold_reasons(phone_key, client_key, title, content)
    case, query_code = cases.submit(
        k.LETTER.code,
        unit=dispatch_unit(),
        title=title,
        submitter_name=name,
        submitter_phone=phone,
        submitter_email=email,
        is_public=may_publish,
    )
    # The writer's clock runs from the day the letter arrives, whoever handles it.
    case.clock_started_on = timezone.localdate(case.submitted_at)
    case.time_limit = settings.LETTER_REPLY_DAYS[letter_kind]
    try:
        case.due_on = clock.derive_due_on(case)
    except CalendarNotCovered:
        case.due_on = None  # the dashboard says which year's schedule is missing
    case.save(update_fields=["clock_started_on", "time_limit", "due_on"])
    letter = Letter.objects.create(
        case=case,
        letter_kind=letter_kind,
        addressed_to=addressed_to,
        content=content,
        may_publish=may_publish,
        phone_key=phone_key,
        client_key=client_key,
        held=bool(reasons),
        hold_reasons=[str(r) for r in reasons],
        duplicate_of=duplicate,
    )
    for upload in attachments or []:
        attachment = LetterAttachment(letter=letter, name=upload.name[:200])
        attachment.file.save(upload.name, upload, save=True)
    notify.case_arrived(case)
    return letter, query_code


def _require_dispatcher(actor) -> None:
    if not is_dispatcher(actor):
        raise PermissionDenied(_("只有县电子政务办的分办人员可以分办来信。"))


@case_action("route")
def route(case: Case, actor, *, to_unit: Unit, note: str = "") -> Case:
    """转办: the dispatcher sends the letter to the responsible unit."""
    _require_dispatcher(actor)
    case.unit = to_unit
    case.assignee = None
    Letter.objects.filter(case=case).update(held=False)
    routed = step(
        case,
        "route",
        actor,
        note=_("转%(unit)s办理") % {"unit": to_unit.name} + (f"：{note}" if note else ""),
        details={"to": to_unit.code},
    )
    notify.case_arrived(routed)
    return routed


@case_action("send_back")
def send_back(case: Case, actor, *, reason: str) -> Case:
    """退回: the unit returns a letter that is not theirs to the dispatchers, with a reason."""
    if not reason.strip():
        raise IllegalTransition(_("退回必须说明理由。"))
    from_unit = case.unit
    case.unit = dispatch_unit()
    case.assignee = None
    returned = step(
        case,
        "send_back",
        actor,
        note=_("%(unit)s退回：%(reason)s") % {"unit": from_unit.name, "reason": reason},
        details={"from": from_unit.code},
    )
    notify.case_arrived(returned)
    return returned


def pass_on(case: Case, actor, *, to_unit: Unit, reason: str) -> Case:
    """转交: the unit passes the letter to another unit; the writer's deadline stays."""
    passed = cases.transfer(case, actor, to_unit=to_unit, reason=reason, on=timezone.localdate())
    notify.case_arrived(passed)
    return passed


@case_action("release")
def release(case: Case, actor) -> Case:
    """A dispatcher looked at a held letter and lets it through."""
    _require_dispatcher(actor)
    letter = Letter.objects.select_for_update().get(case=case)
    if not letter.held:
        raise IllegalTransition(_("该来信未被暂存，无需放行。"))
    letter.held = False
    letter.save(update_fields=["held"])
    return step(case, "release", actor, public=False)


@case_action("close")
def close_invalid(case: Case, actor, *, reason: str) -> Case:
    """A dispatcher closes a letter that needs no reply (spam, abuse), giving the reason."""
    _require_dispatcher(actor)
    if case.state != k.SUBMITTED:
        raise IllegalTransition(_("只有待分办的来信可以作无效处理。"))
    if not reason.strip():
        raise IllegalTransition(_("作无效处理必须说明理由。"))
    case.closed_at = timezone.now()
    return step(case, "close", actor, note=_("不予受理：%(reason)s") % {"reason": reason})


@case_action("draft_reply")
def draft_reply(case: Case, actor, *, text: str) -> Case:
    """The handling unit (or the dispatchers, answering themselves) drafts the reply."""
    if not text.strip():
        raise IllegalTransition(_("答复内容不能为空。"))
    if case.state == k.SUBMITTED:
        _require_dispatcher(actor)
    letter = Letter.objects.select_for_update().get(case=case)
    letter.draft_reply = text.strip()
    letter.drafted_by = actor
    letter.save(update_fields=["draft_reply", "drafted_by"])
    return step(case, "draft_reply", actor, public=False)


def _require_reviewer(actor, case: Case) -> None:
    reviewer = (
        actor.is_superuser
        or UnitGroup.objects.filter(
            group__user=actor, unit=case.unit, role__in=[Role.REVIEWER, Role.UNIT_ADMINISTRATOR]
        ).exists()
    )
    if not reviewer:
        raise PermissionDenied(_("答复须由承办单位的审核人审核。"))


@case_action("approve_reply")
def approve_reply(case: Case, actor) -> Case:
    """The unit's reviewer approves the draft: it becomes the reply, and is published with
    personal data removed when the writer allowed publication."""
    if not case.case_kind.allows("approve_reply", case.state):
        return step(case, "approve_reply", actor)  # refused, naming the current state
    _require_reviewer(actor, case)
    letter = Letter.objects.select_for_update().get(case=case)
    if letter.drafted_by_id == actor.pk:
        raise PermissionDenied(_("答复的起草人不能审核自己的答复。"))
    case.reply = letter.draft_reply
    case.replied_at = timezone.now()
    letter.replying_unit = case.unit
    if letter.may_publish:
        names = (case.submitter_name,)
        letter.public_content = redact(letter.content, names)
        letter.public_reply = redact(letter.draft_reply, names)
        letter.published_at = case.replied_at
    letter.save()
    replied = step(case, "approve_reply", actor, note=_("已答复"))
    notify.submitter_answered(replied)
    return replied


@case_action("return_draft")
def return_draft(case: Case, actor, *, reason: str) -> Case:
    """The reviewer sends the draft back to be rewritten."""
    _require_reviewer(actor, case)
    if not reason.strip():
        raise IllegalTransition(_("退回修改必须说明理由。"))
    return step(case, "return_draft", actor, note=reason, public=False)


def rate(case: Case, *, rating: str, comment: str = "", reopen: bool = False) -> Case:
    """The writer (who proved it with the query code) rates the reply. A dissatisfied writer
    may have the letter handled again, once; the deadline then runs anew from today."""
    if rating not in RATING_SCORES:
        raise IllegalTransition(_("请选择评价。"))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        letter = Letter.objects.select_for_update().get(case=case)
        if case.state != k.REPLIED:
            raise IllegalTransition(_("该来信当前不能评价。"))
        if reopen and (rating != Letter.Rating.DISSATISFIED or letter.reopened):
            raise IllegalTransition(_("只有不满意的评价可以申请重新办理，且只能申请一次。"))
        letter.rating = rating
        letter.rating_comment = comment.strip()[:500]
        case.rating = RATING_SCORES[rating]
        note = _("评价：%(rating)s") % {"rating": Letter.Rating(rating).label}
        if reopen:
            letter.reopened = True
            letter.save()
            case.clock_started_on = timezone.localdate()
            case.replied_at = None  # handled again: the new answer will set it
            case.extensions.all().delete()
            case.pauses.all().delete()
            reopened = step(case, "reopen", None, note=note + _("，申请重新办理"))
            notify.case_arrived(reopened)
            return reopened
        letter.save()
        case.closed_at = timezone.now()
        return step(case, "rate", None, note=note)


def withdraw_publication(case: Case, actor, *, reason: str) -> Case:
    """Take a published reply off the public list (a reviewer or the county office)."""
    if not cases.can_handle(actor, case):
        raise PermissionDenied(_("您无权办理其他单位的办件。"))
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(case=case)
        letter.published_at = None
        letter.save(update_fields=["published_at"])
        audit.record("letter.unpublish", actor=actor, obj=case, details={"reason": reason})
    return case
