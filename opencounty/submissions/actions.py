"""Verbs of information submissions. Views, the demo and tests call these; nothing else saves
an item, an issue or a rule.

Each verb checks the actor's permission (`access.py`), checks the transition is legal, writes
inside one transaction with the rows locked, appends to the audit log and the item's timeline.
Refusals are audited (outside the transaction, so they survive its rollback) and explained in
Chinese. Every verb takes the moment it acts at (time is an input).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.core import audit
from opencounty.core.models import Unit
from opencounty.core.numbering import next_number
from opencounty.core.textcheck import find_hits
from opencounty.submissions import access, special_reports
from opencounty.submissions.models import (
    Bulletin,
    BulletinIssue,
    Category,
    Level,
    ScoringRule,
    Submission,
    SubmissionEvent,
    Urgency,
)

State = Submission.State
TITLE_MAX = 100
BODY_MAX = 20_000  # characters: a long 调研 piece fits, a pasted book does not
REASON_MAX = 1_000
EDITABLE = (State.DRAFT, State.RETURNED)
FIELDS = ("title", "body", "category", "urgency", "hot", "keywords", "source_note", "event_at")
DEFAULT_DISTRIBUTION = (
    "报：市政府办公室\n送：县委、县人大、县政协领导\n发：各乡镇人民政府，县直各部门"
)


class SubmissionRefused(ValueError):
    """The item cannot change this way (message in Chinese for the user)."""


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _refuse(verb: str, actor, obj, reason: str, exc: Exception) -> Exception:
    audit.record(
        f"submissions.{verb}", actor=actor, obj=obj, outcome="failure", details={"reason": reason}
    )
    return exc


def _event(submission: Submission, verb: str, actor, at: datetime, note: str = "") -> None:
    SubmissionEvent.objects.create(submission=submission, at=at, actor=actor, verb=verb, note=note)
    audit.record(
        f"submissions.{verb}",
        actor=actor,
        obj=submission,
        details={"state": submission.state, "note": note[:200]},
    )


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("unit").get(pk=submission.pk)


def _text(value, name: str, limit: int, *, required: bool = True) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        raise SubmissionRefused(_("%(name)s格式不正确。") % {"name": name})
    if "\x00" in text:
        raise SubmissionRefused(_("%(name)s含有不能保存的字符。") % {"name": name})
    if required and not text:
        raise SubmissionRefused(_("请填写%(name)s。") % {"name": name})
    if len(text) > limit:
        raise SubmissionRefused(
            _("%(name)s不能超过 %(limit)s 字（现有 %(count)s 字）。")
            % {"name": name, "limit": limit, "count": len(text)}
        )
    return text


def _clean(data: dict) -> dict:
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise SubmissionRefused(_("未知的字段：%(names)s") % {"names": "、".join(sorted(unknown))})
    cleaned = {
        "title": _text(data.get("title"), _("标题"), TITLE_MAX),
        "body": _text(data.get("body"), _("正文"), BODY_MAX),
        "keywords": _text(data.get("keywords"), _("关键词"), 100, required=False),
        "source_note": _text(data.get("source_note"), _("原始痕迹资料说明"), 2_000, required=False),
        "hot": bool(data.get("hot")),
        "event_at": data.get("event_at"),
    }
    category = data.get("category")
    if category not in Category.values:
        raise SubmissionRefused(_("请选择信息类别。"))
    cleaned["category"] = category
    urgency = data.get("urgency") or Urgency.NORMAL
    if urgency not in Urgency.values:
        raise SubmissionRefused(_("请选择紧急程度。"))
    cleaned["urgency"] = urgency
    if category == Category.SPECIAL and cleaned["event_at"] is None:
        raise SubmissionRefused(_("专报须填写事件发生时间。"))
    return cleaned


def save_draft(
    unit: Unit,
    actor,
    data: dict,
    *,
    submission: Submission | None = None,
    attachment=None,
    at: datetime | None = None,
) -> Submission:
    """Write a new item of `unit`, or change a draft or returned one. `attachment` is a file
    already checked by the form (type read from its content)."""
    at = _now(at)
    target = submission.unit if submission else unit
    if not access.may_write(actor, target):
        raise _refuse(
            "save",
            actor,
            submission or unit,
            "not_staff",
            PermissionDenied(_("您不是本单位的工作人员，不能编写本单位的信息。")),
        )
    cleaned = _clean(data)
    with transaction.atomic():
        if submission is None:
            submission = Submission(unit=unit, author=actor, **cleaned)
            verb = "create"
        else:
            submission = _locked(submission)
            if submission.state not in EDITABLE:
                raise SubmissionRefused(
                    _("信息“%(title)s”已%(state)s，不能再修改。")
                    % {"title": submission.title, "state": submission.get_state_display()}
                )
            for name, value in cleaned.items():
                setattr(submission, name, value)
            verb = "edit"
        if attachment:
            submission.attachment = attachment
        submission.save()
        special_reports.follow(
            submission, actor, is_special=submission.category == Category.SPECIAL, at=at
        )
        _event(submission, verb, actor, at)
    return submission


def _needs_evidence(submission: Submission) -> bool:
    return submission.category in settings.SUBMISSIONS_EVIDENCE_CATEGORIES and not (
        submission.source_note.strip() or submission.attachment
    )


def request_approval(submission: Submission, actor, *, at: datetime | None = None) -> Submission:
    """The officer sends the item to the unit's leader for approval (送审签)."""
    at = _now(at)
    if not access.may_write(actor, submission.unit):
        raise _refuse(
            "request_approval",
            actor,
            submission,
            "not_staff",
            PermissionDenied(_("您不是本单位的工作人员。")),
        )
    with transaction.atomic():
        submission = _locked(submission)
        if submission.state not in EDITABLE:
            raise SubmissionRefused(
                _("信息当前为“%(state)s”，不能送审签。") % {"state": submission.get_state_display()}
            )
        if _needs_evidence(submission):
            raise SubmissionRefused(
                _("“%(category)s”类信息须附原始痕迹资料（附件或说明）。")
                % {"category": submission.get_category_display()}
            )
        hits = find_hits(submission.title, submission.body)
        if hits:
            raise SubmissionRefused(
                _("文字检查发现问题，请修改后再送审签：%(words)s")
                % {
                    "words": "；".join(
                        f"“{hit.phrase}”（{hit.kind_label}"
                        + (f"，建议改为“{hit.suggestion}”" if hit.suggestion else "")
                        + "）"
                        for hit in hits
                    )
                }
            )
        submission.state = State.AWAITING_APPROVAL
        submission.save(update_fields=["state", "updated_at"])
        _event(submission, "request_approval", actor, at)
    return submission


def approve(submission: Submission, actor, *, at: datetime | None = None) -> Submission:
    """The unit's leader approves (审签): the item leaves the unit with a county-wide number."""
    at = _now(at)
    if not access.may_approve(actor, submission):
        message = (
            _("热点难点信息须由本单位分管领导审签。")
            if submission.hot
            else _("只有本单位领导可以审签信息。")
        )
        raise _refuse("approve", actor, submission, "not_approver", PermissionDenied(message))
    with transaction.atomic():
        submission = _locked(submission)
        if submission.state != State.AWAITING_APPROVAL:
            raise SubmissionRefused(
                _("信息当前为“%(state)s”，不能审签。") % {"state": submission.get_state_display()}
            )
        year = timezone.localtime(at).year
        if submission.number is None:
            submission.year, submission.number = year, next_number("submissions.item", year)
        submission.state = State.SUBMITTED
        submission.approved_by = actor
        submission.submitted_at = at
        submission.return_reason = ""
        submission.save()
        special_reports.reported(submission, actor, at=at)
        _event(submission, "approve", actor, at, submission.reference)
    return submission


def send_back(submission: Submission, actor, reason: str, *, at: datetime | None = None):
    """The unit's leader sends the item back to the officer before it leaves the unit."""
    at = _now(at)
    if not access.may_approve(actor, submission):
        raise _refuse(
            "send_back",
            actor,
            submission,
            "not_approver",
            PermissionDenied(_("只有本单位领导可以退回修改。")),
        )
    reason = _text(reason, _("退回理由"), REASON_MAX)
    with transaction.atomic():
        submission = _locked(submission)
        if submission.state != State.AWAITING_APPROVAL:
            raise SubmissionRefused(
                _("信息当前为“%(state)s”，不能退回修改。")
                % {"state": submission.get_state_display()}
            )
        submission.state = State.DRAFT
        submission.save(update_fields=["state", "updated_at"])
        _event(submission, "send_back", actor, at, reason)
    return submission


def _editor(verb: str, actor, obj) -> None:
    if not access.is_editor(actor):
        raise _refuse(
            verb,
            actor,
            obj,
            "not_editor",
            PermissionDenied(_("只有县政府办信息编辑可以执行此操作。")),
        )


def return_submission(submission: Submission, actor, reason: str, *, at: datetime | None = None):
    """The county office returns a sent item to its unit, with the reason (退回)."""
    at = _now(at)
    _editor("return", actor, submission)
    reason = _text(reason, _("退回理由"), REASON_MAX)
    with transaction.atomic():
        submission = _locked(submission)
        if submission.state != State.SUBMITTED:
            raise SubmissionRefused(
                _("信息当前为“%(state)s”，不能退回。") % {"state": submission.get_state_display()}
            )
        submission.state = State.RETURNED
        submission.return_reason = reason
        submission.save(update_fields=["state", "return_reason", "updated_at"])
        _event(submission, "return", actor, at, reason)
    return submission


def edit_adopted_text(
    submission: Submission, actor, title: str, body: str, *, at: datetime | None = None
) -> Submission:
    """The editor rewrites the text to be adopted; the unit's original stays as it was sent."""
    at = _now(at)
    _editor("edit_text", actor, submission)
    title = _text(title, _("标题"), TITLE_MAX)
    body = _text(body, _("正文"), BODY_MAX)
    with transaction.atomic():
        submission = _locked(submission)
        if submission.state not in (State.SUBMITTED, State.ADOPTED):
            raise SubmissionRefused(
                _("信息当前为“%(state)s”，不能编辑采用稿。")
                % {"state": submission.get_state_display()}
            )
        if submission.issue_id and submission.issue.state == BulletinIssue.State.SIGNED:
            raise SubmissionRefused(_("所在简报已签发，采用稿不能再修改。"))
        submission.adopted_title, submission.adopted_body = title, body
        submission.save(update_fields=["adopted_title", "adopted_body", "updated_at"])
        _event(submission, "edit_text", actor, at)
    return submission


def merge(lead: Submission, others: list[Submission], actor, *, at: datetime | None = None):
    """Merge several sent items into one piece (the lead); the points of the piece are shared
    equally by every item merged (scoring.py)."""
    at = _now(at)
    _editor("merge", actor, lead)
    others = [item for item in others if item.pk != lead.pk]
    if not others:
        raise SubmissionRefused(_("请至少选择一条要合并的信息。"))
    with transaction.atomic():
        # Lock in one order, so two editors merging overlapping items cannot deadlock.
        ids = sorted({lead.pk, *(item.pk for item in others)})
        locked = {s.pk: s for s in Submission.objects.select_for_update().filter(pk__in=ids)}
        lead = locked[lead.pk]
        if lead.state not in (State.SUBMITTED, State.ADOPTED):
            raise SubmissionRefused(_("只能合并到已报送或已采用的信息。"))
        if lead.merged_into_id:
            raise SubmissionRefused(_("该信息已合并到其他信息。"))
        for pk in ids:
            item = locked[pk]
            if pk == lead.pk:
                continue
            if item.state != State.SUBMITTED or item.merged_items.exists():
                raise SubmissionRefused(
                    _("信息“%(title)s”当前为“%(state)s”，不能合并。")
                    % {"title": item.title, "state": item.get_state_display()}
                )
            item.state = State.MERGED
            item.merged_into = lead
            item.save(update_fields=["state", "merged_into", "updated_at"])
            _event(item, "merged", actor, at, lead.reference)
        _event(
            lead, "merge", actor, at, "、".join(locked[pk].reference for pk in ids if pk != lead.pk)
        )
    return lead


def create_issue(bulletin: str, actor, *, on: date | None = None, distribution: str | None = None):
    """Open the next issue of a bulletin this year (numbered per year, 第N期)."""
    _editor("create_issue", actor, None)
    on = on or timezone.localdate()
    if bulletin not in Bulletin.values:
        raise SubmissionRefused(_("请选择刊物。"))
    distribution = _text(
        DEFAULT_DISTRIBUTION if distribution is None else distribution,
        _("报送范围"),
        500,
        required=False,
    )
    with transaction.atomic():
        number = next_number(f"submissions.bulletin.{bulletin}", on.year)
        issue = BulletinIssue.objects.create(
            bulletin=bulletin,
            year=on.year,
            number=number,
            issued_on=on,
            distribution=distribution,
            created_by=actor,
        )
        audit.record("submissions.create_issue", actor=actor, obj=issue)
    return issue


def adopt(
    submission: Submission,
    issue: BulletinIssue,
    actor,
    *,
    on: date | None = None,
    at: datetime | None = None,
) -> Submission:
    """Adopt a sent item into an issue that is not yet signed off (采用)."""
    at = _now(at)
    on = on or timezone.localtime(at).date()
    _editor("adopt", actor, submission)
    with transaction.atomic():
        issue = BulletinIssue.objects.select_for_update().get(pk=issue.pk)
        submission = _locked(submission)
        if submission.state != State.SUBMITTED:
            raise SubmissionRefused(
                _("信息当前为“%(state)s”，不能采用。") % {"state": submission.get_state_display()}
            )
        if issue.state != BulletinIssue.State.DRAFT:
            raise SubmissionRefused(_("%(issue)s已签发，不能再加入信息。") % {"issue": issue})
        if submission.submitted_at and on < timezone.localtime(submission.submitted_at).date():
            raise SubmissionRefused(_("采用日期不能早于报送日期。"))
        submission.state = State.ADOPTED
        submission.issue = issue
        submission.adopted_on = on
        submission.save(update_fields=["state", "issue", "adopted_on", "updated_at"])
        _event(submission, "adopt", actor, at, str(issue))
    return submission


def sign_issue(issue: BulletinIssue, actor, *, at: datetime | None = None) -> BulletinIssue:
    """签发: the issue is released; its items and their texts are final."""
    at = _now(at)
    if not access.may_sign(actor):
        raise _refuse(
            "sign_issue",
            actor,
            issue,
            "not_signer",
            PermissionDenied(_("只有县政府办的审核人可以签发简报。")),
        )
    with transaction.atomic():
        issue = BulletinIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.state != BulletinIssue.State.DRAFT:
            raise SubmissionRefused(_("%(issue)s已签发。") % {"issue": issue})
        if not issue.items.exists():
            raise SubmissionRefused(_("%(issue)s还没有采用任何信息，不能签发。") % {"issue": issue})
        issue.state = BulletinIssue.State.SIGNED
        issue.signed_by, issue.signed_at = actor, at
        issue.save(update_fields=["state", "signed_by", "signed_at"])
        audit.record("submissions.sign_issue", actor=actor, obj=issue)
    return issue


def record_upward(
    submission: Submission,
    level: str,
    actor,
    *,
    on: date | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Submission:
    """Record that the city, province or nation adopted an item, or a leader commented on it."""
    at = _now(at)
    on = on or timezone.localtime(at).date()
    _editor("record_upward", actor, submission)
    if level not in Level.values:
        raise SubmissionRefused(_("请选择采用级别。"))
    note = _text(note, _("说明"), 200, required=False)
    with transaction.atomic():
        submission = _locked(submission)
        if submission.state != State.ADOPTED:
            raise SubmissionRefused(_("只有县级已采用的信息才能登记上级采用或批示。"))
        if on < submission.adopted_on:
            raise SubmissionRefused(_("上级采用日期不能早于县级采用日期。"))
        if on > timezone.localtime(at).date():
            raise SubmissionRefused(_("日期不能晚于今天。"))
        if submission.upward_adoptions.filter(level=level).exists():
            raise SubmissionRefused(
                _("该信息已登记过“%(level)s”。") % {"level": Level(level).label}
            )
        submission.upward_adoptions.create(level=level, adopted_on=on, note=note, recorded_by=actor)
        _event(submission, "record_upward", actor, at, f"{Level(level).label} {note}".strip())
    return submission


def set_rule_points(actor, points: dict[str, object]) -> None:
    """The office changes the scoring table; every score is derived again from the records."""
    if not access.may_sign(actor):
        raise _refuse(
            "set_rules",
            actor,
            None,
            "not_signer",
            PermissionDenied(_("只有县政府办的审核人可以修改计分规则。")),
        )
    cleaned = {}
    for key, value in points.items():
        if key not in ScoringRule.Key.values:
            raise SubmissionRefused(_("未知的计分项目。"))
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            raise SubmissionRefused(_("分值须为数字。")) from None
        if not number.is_finite() or not Decimal(0) <= number <= Decimal(1000):
            raise SubmissionRefused(_("分值须在 0 至 1000 之间。"))
        cleaned[key] = number.quantize(Decimal("0.01"))
    with transaction.atomic():
        before = {}
        for key, number in cleaned.items():
            rule, _created = ScoringRule.objects.select_for_update().get_or_create(key=key)
            before[key] = str(rule.points)
            rule.points = number
            rule.save(update_fields=["points"])
        audit.record(
            "submissions.set_rules",
            actor=actor,
            details={"before": before, "after": {k: str(v) for k, v in cleaned.items()}},
        )


def notice_column():
    """The county portal's 通知公告 column (on the default site), or None."""
    from wagtail.models import Site

    from opencounty.portal.models import ColumnPage

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return (
        ColumnPage.objects.child_of(site.root_page)
        .filter(kind=ColumnPage.Kind.NOTICE)
        .order_by("path")
        .first()
    )


def draft_notice_article(period, units, actor):
    """The 通报 of `period` as an article of the portal's 通知公告, not live, submitted to the
    column's review workflow: it is published only when a reviewer approves it, as any
    article. The same period's draft still under review is returned instead of a second."""
    from opencounty.portal.models import ArticlePage
    from opencounty.submissions import exports

    _editor("notice_article", actor, None)
    column = notice_column()
    if column is None:
        raise SubmissionRefused(_("门户网站没有“通知公告”栏目，无法生成通报稿件。"))
    notice = exports.notice_text(period, units)
    pending = (
        ArticlePage.objects.child_of(column)
        .filter(title=notice.title, live=False)
        .order_by("-pk")
        .first()
    )
    if pending is not None:
        return pending, False
    with transaction.atomic():
        article = ArticlePage(
            title=notice.title,
            body=exports.notice_html(notice),
            source=notice.signature,
            live=False,
            owner=actor,
        )
        column.add_child(instance=article)
        article.save_revision(user=actor)
        workflow = article.get_workflow()
        if workflow is not None:
            workflow.start(article, actor)
        audit.record(
            "submissions.notice_article",
            actor=actor,
            obj=article,
            details={"period": period.label, "column": column.pk},
        )
    return article, True
