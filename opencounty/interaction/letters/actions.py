"""Verbs of a mailbox letter, on top of the case engine.

A letter arrives at the county e-government office, whose dispatchers route it to
the responsible unit (转办) or answer it themselves; units send it back or pass it
on; the unit drafts a reply, its reviewer approves it; the writer rates the reply and
may reopen it once, or lets the rating period pass and the unit closes it (办结).
Publishing a reply (选登) is the reviewer's own decision, only for letters whose writer
consented, with every public field redacted; it can be withdrawn.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import actions as cases
from opencounty.cases.actions import IllegalTransition, case_action, require_legal, step
from opencounty.cases.models import Case
from opencounty.core import calendar
from opencounty.core.access import sees_every_unit
from opencounty.core.crypto import blind_index
from opencounty.core.masking import redact
from opencounty.core.models import Unit
from opencounty.core.textcheck import find_hits
from opencounty.interaction import kinds as k
from opencounty.interaction.models import Letter, LetterAttachment
from opencounty.portal.cache import invalidate_pages

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


@cases.query_code_first
def submit_letter(
    *,
    query_code: cases.QueryCode,
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
    received_on: date | None = None,
) -> tuple[Letter, str]:
    """Store a letter first, then acknowledge it. Suspicious letters are held for the
    dispatchers, never dropped. The writer's clock runs from `received_on` (today), whoever
    handles the letter. Returns the letter and its query code."""
    phone_key = blind_index(phone)
    client_key = blind_index(client_ip or "unknown")
    reasons, duplicate = _hold_reasons(phone_key, client_key, title, content)
    case, code = cases.submit(
        k.LETTER.code,
        query_code=query_code,
        unit=dispatch_unit(),
        title=title,
        submitter_name=name,
        submitter_phone=phone,
        submitter_email=email,
        is_public=may_publish,
        clock_starts_on=received_on or timezone.localdate(),
        time_limit=settings.LETTER_REPLY_DAYS[letter_kind],
    )
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
    return letter, code


@case_action("route")
def route(case: Case, actor, *, to_unit: Unit, note: str = "", on: date | None = None) -> Case:
    """转办: a dispatcher sends the letter to the responsible unit."""
    require_legal(case, "route", actor)
    Letter.objects.filter(case=case).update(held=False)
    return cases.move(
        case,
        "route",
        actor,
        to_unit=to_unit,
        on=on or timezone.localdate(),
        note=_("转%(unit)s办理") % {"unit": to_unit.name} + (f"：{note}" if note else ""),
        details={"to": to_unit.code},
    )


@case_action("send_back")
def send_back(case: Case, actor, *, reason: str, on: date | None = None) -> Case:
    """退回: the unit returns a letter that is not theirs to the dispatchers, with a reason."""
    require_legal(case, "send_back", actor)
    if not reason.strip():
        raise IllegalTransition(_("退回必须说明理由。"))
    return cases.move(
        case,
        "send_back",
        actor,
        to_unit=dispatch_unit(),
        on=on or timezone.localdate(),
        note=_("%(unit)s退回：%(reason)s") % {"unit": case.unit.name, "reason": reason},
        details={"from": case.unit.code},
    )


def pass_on(case: Case, actor, *, to_unit: Unit, reason: str, on: date | None = None) -> Case:
    """转交: the unit passes the letter to another unit; the writer's deadline stays."""
    return cases.transfer(
        case, actor, to_unit=to_unit, reason=reason, on=on or timezone.localdate()
    )


@case_action("release")
def release(case: Case, actor) -> Case:
    """A dispatcher looked at a held letter and lets it through."""
    require_legal(case, "release", actor)
    letter = Letter.objects.select_for_update().get(case=case)
    if not letter.held:
        raise IllegalTransition(_("该来信未被暂存，无需放行。"))
    letter.held = False
    letter.save(update_fields=["held"])
    return step(case, "release", actor, public=False)


@case_action("close")
def close_invalid(case: Case, actor, *, reason: str) -> Case:
    """A dispatcher closes a letter that needs no reply (spam, abuse), giving the reason."""
    if case.state != k.SUBMITTED:
        raise IllegalTransition(_("只有待分办的来信可以作无效处理。"))
    if not reason.strip():
        raise IllegalTransition(_("作无效处理必须说明理由。"))
    return cases.conclude(case, "close", actor, note=_("不予受理：%(reason)s") % {"reason": reason})


@case_action("draft_reply")
def draft_reply(case: Case, actor, *, text: str) -> Case:
    """The handling unit (or the dispatchers, answering themselves) drafts the reply."""
    require_legal(case, "draft_reply", actor)
    if not text.strip():
        raise IllegalTransition(_("答复内容不能为空。"))
    letter = Letter.objects.select_for_update().get(case=case)
    letter.draft_reply = text.strip()
    letter.drafted_by = actor
    letter.save(update_fields=["draft_reply", "drafted_by"])
    return step(case, "draft_reply", actor, public=False)


@case_action("approve_reply")
def approve_reply(case: Case, actor) -> Case:
    """The unit's reviewer approves the draft: it becomes the reply and the writer is told.
    Publishing it is a separate decision (`publish_reply`)."""
    require_legal(case, "approve_reply", actor)
    letter = Letter.objects.select_for_update().get(case=case)
    if letter.drafted_by_id == actor.pk:
        raise PermissionDenied(_("答复的起草人不能审核自己的答复。"))
    letter.replying_unit = case.unit
    letter.save(update_fields=["replying_unit"])
    return cases.answer(case, "approve_reply", actor, text=letter.draft_reply, note=_("已答复"))


@case_action("return_draft")
def return_draft(case: Case, actor, *, reason: str) -> Case:
    """The reviewer sends the draft back to be rewritten."""
    require_legal(case, "return_draft", actor)
    if not reason.strip():
        raise IllegalTransition(_("退回修改必须说明理由。"))
    return step(case, "return_draft", actor, note=reason, public=False)


def rate(
    case: Case, *, rating: str, comment: str = "", reopen: bool = False, on: date | None = None
) -> Case:
    """The writer (who proved it with the query code) rates the reply. A dissatisfied writer
    may have the letter handled again, once; the deadline then runs anew from `on` (today)."""
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
        note = _("评价：%(rating)s") % {"rating": Letter.Rating(rating).label}
        score = RATING_SCORES[rating]
        if reopen:
            letter.reopened = True
            letter.save()
            return cases.reopen(
                case,
                "reopen",
                None,
                on=on or timezone.localdate(),
                rating=score,
                note=note + _("，申请重新办理"),
            )
        letter.save()
        return cases.conclude(case, "rate", None, rating=score, note=note)


def rating_period_ends(case: Case) -> date | None:
    """The last day the writer may rate the reply (LETTER_RATING_DAYS working days after it)."""
    if case.replied_at is None:
        return None
    replied_on = timezone.localdate(case.replied_at)
    return calendar.add_working_days(replied_on, settings.LETTER_RATING_DAYS)


def rating_period_over(case: Case, today: date | None = None) -> bool:
    ends = rating_period_ends(case)
    return ends is not None and (today or timezone.localdate()) > ends


def rating_period_over_condition(today: date) -> Q:
    """`rating_period_over` on `today` as a condition on cases: the period ends later for a
    later reply, so it is over for the replies up to the last day whose period ended before
    today. A day the calendar cannot count ends no period (it is not guessed)."""
    work_calendar = calendar.WorkCalendar.load(today.year - 1, today.year + 1)
    last = today
    try:
        while work_calendar.add_working_days(last, settings.LETTER_RATING_DAYS) >= today:
            last -= timedelta(days=1)
    except calendar.CalendarNotCovered:
        return Q(pk__in=[])
    day_after = datetime.combine(last + timedelta(days=1), time.min)
    return Q(replied_at__lt=timezone.make_aware(day_after))


@case_action("conclude_unrated")
def conclude_unrated(case: Case, actor, *, on: date | None = None) -> Case:
    """办结: the writer did not rate the reply within the rating period; the letter closes
    with no rating (none is assumed for them)."""
    require_legal(case, "conclude_unrated", actor)
    ends = rating_period_ends(case)
    if not rating_period_over(case, on):
        raise IllegalTransition(
            _("来信人评价期限至%(ends)s，期满后才能办结。") % {"ends": ends.isoformat()}
        )
    return cases.conclude(
        case,
        "conclude_unrated",
        actor,
        note=_("来信人在评价期限（%(ends)s）内未评价，办结") % {"ends": ends.isoformat()},
    )


def publishable(case: Case) -> bool:
    """选登 is possible for an answered letter whose writer consented to publication."""
    letter = case.letter
    return letter.may_publish and case.replied_at is not None and bool(case.reply)


def public_texts(case: Case) -> dict[str, str]:
    """Title, letter and reply as they would be published: identity numbers, phone numbers,
    e-mail addresses and the writer's name taken out of every field."""
    names = (case.submitter_name,)
    return {
        "title": redact(case.title, names)[:200],
        "content": redact(case.letter.content, names),
        "reply": redact(case.reply, names),
    }


@case_action("publish_reply")
def publish_reply(
    case: Case,
    actor,
    *,
    title: str = "",
    content: str = "",
    reply: str = "",
    override_reason: str = "",
) -> Case:
    """选登: the reviewer publishes an answered letter whose writer consented. The texts may
    be shortened by the reviewer first; whatever they give is redacted again, so nothing
    personal can be put back. A hit of the text check needs a reason to publish anyway."""
    require_legal(case, "publish_reply", actor)
    letter = Letter.objects.select_for_update().get(case=case)
    case.letter = letter
    if not letter.may_publish:
        raise IllegalTransition(_("来信人未同意公开，不能选登。"))
    if not publishable(case):
        raise IllegalTransition(_("来信尚未答复，不能选登。"))
    if letter.is_published:
        raise IllegalTransition(_("该来信已选登公开。"))
    names = (case.submitter_name,)
    defaults = public_texts(case)
    texts = {
        "title": redact(title.strip(), names)[:200] or defaults["title"],
        "content": redact(content.strip(), names) or defaults["content"],
        "reply": redact(reply.strip(), names) or defaults["reply"],
    }
    hits = find_hits(*texts.values())
    if hits and not override_reason.strip():
        raise IllegalTransition(
            _("公开内容含有需核实的词语：%(words)s。请修改，或填写仍予公开的理由。")
            % {"words": "、".join(h.phrase for h in hits)}
        )
    letter.public_title = texts["title"]
    letter.public_content = texts["content"]
    letter.public_reply = texts["reply"]
    letter.published_at = timezone.now()
    letter.published_by = actor
    letter.save()
    transaction.on_commit(invalidate_pages)
    details = {"title": texts["title"]}
    if hits:
        details |= {"words": [h.phrase for h in hits], "override": override_reason.strip()}
    return step(case, "publish_reply", actor, public=False, details=details)


@case_action("withdraw_publication")
def withdraw_publication(case: Case, actor, *, reason: str) -> Case:
    """Take a published reply off the public list again, with a reason."""
    require_legal(case, "withdraw_publication", actor)
    if not reason.strip():
        raise IllegalTransition(_("撤销公开必须说明理由。"))
    letter = Letter.objects.select_for_update().get(case=case)
    if not letter.is_published:
        raise IllegalTransition(_("该来信未公开。"))
    letter.published_at = None
    letter.published_by = None
    letter.public_title = letter.public_content = letter.public_reply = ""
    letter.save()
    transaction.on_commit(invalidate_pages)  # off the cached list and page at once
    return step(
        case,
        "withdraw_publication",
        actor,
        note=reason.strip(),
        public=False,
        details={"reason": reason.strip()},
    )
