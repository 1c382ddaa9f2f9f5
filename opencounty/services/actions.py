"""Verbs of an online application and of the rectification of a bad review, on top of
the case engine.

Window staff (the item's department, or the staff of the item's window) accept an
application, reject it with reasons, or list everything missing once (一次性告知);
the applicant supplements; a 联办件 runs one step per department in parallel, each on
its own time limit; the result is recorded and licensing results are published. The
applicant rates the service; a bad rating opens a rectification for the department.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import actions as cases
from opencounty.cases import notify as case_notify
from opencounty.cases.actions import IllegalTransition, case_action, require_legal, step
from opencounty.cases.models import Case
from opencounty.core import audit, calendar
from opencounty.core.access import holds_role_in, role_unit_ids
from opencounty.services import kinds as k
from opencounty.services.models import (
    Application,
    ApplicationMaterial,
    ApplicationStep,
    ItemKind,
    Rectification,
    ServiceItemPage,
)
from opencounty.services.notify import tell_applicant

RATING_LABELS = {
    1: _("非常不满意"),
    2: _("不满意"),
    3: _("基本满意"),
    4: _("满意"),
    5: _("非常满意"),
}
BAD_RATING = 2  # 1-2 (不满意, 非常不满意) is a bad review (差评)


def window_ids(user) -> frozenset[int]:
    """The windows the user staffs, read once per user object (a request's user lives one
    request), so that checking many applications asks nothing more."""
    cached = getattr(user, "_opencounty_windows", None)
    if cached is None:
        cached = frozenset(user.service_windows.values_list("pk", flat=True))
        user._opencounty_windows = cached
    return cached


def is_window_staff(user, item: ServiceItemPage) -> bool:
    """Staff of the item's department, or the staff of the item's window."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser or holds_role_in(user, item.department_id):
        return True
    return item.window_id is not None and item.window_id in window_ids(user)


def window_staff_condition(user) -> Q:
    """`is_window_staff` on every application's item at once, a condition on cases."""
    if user.is_superuser:
        return Q()
    return Q(application__item__department_id__in=role_unit_ids(user)) | Q(
        application__item__window_id__in=window_ids(user)
    )


def is_step_staff(user, unit_id: int | None) -> bool:
    """Only the step's own department decides its step."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or holds_role_in(user, unit_id))
    )


def decidable_steps(case: Case, user) -> list[ApplicationStep]:
    """The undecided steps of a 联办件 that this user's department decides (from the steps
    prefetched with the case, when they were)."""
    return [
        item_step
        for item_step in case.application.steps.all()
        if not item_step.decision and is_step_staff(user, item_step.unit_id)
    ]


def decidable_steps_condition(user) -> Q:
    """`decidable_steps` is not empty: a condition on cases. The cases of the undecided steps
    (a few, from their own index) are listed once, not asked case by case."""
    undecided = ApplicationStep.objects.filter(decision="")
    if not user.is_superuser:
        undecided = undecided.filter(unit_id__in=role_unit_ids(user))
    return Q(pk__in=undecided.values("application__case_id"))


def _required(text: str, message: str) -> str:
    if not (text or "").strip():
        raise IllegalTransition(message)
    return text.strip()


def _store_uploads(application: Application, uploads, *, supplement: bool) -> None:
    for material, name, upload in uploads:
        stored = ApplicationMaterial(
            application=application,
            material=material,
            name=name,
            original_name=upload.name[:200],
            supplement=supplement,
        )
        stored.file.save(upload.name, upload, save=True)


@cases.query_code_first
def submit_application(
    *,
    query_code: cases.QueryCode,
    item: ServiceItemPage,
    name: str,
    id_number: str,
    phone: str,
    email: str = "",
    form_data: dict,
    uploads: list,
) -> tuple[Application, str]:
    """Store an application (form data and materials) before it is acknowledged.
    `uploads` holds (ServiceMaterial or None, material name, file). Returns the
    application and its query code."""
    if not (item.live and item.online_application):
        raise IllegalTransition(_("该事项暂不支持网上申请。"))
    case, code = cases.submit(
        k.APPLICATION.code,
        query_code=query_code,
        unit=item.department,
        title=item.title,
        submitter_name=name,
        submitter_id_number=id_number,
        submitter_phone=phone,
        submitter_email=email,
    )
    application = Application.objects.create(case=case, item=item, form_data=form_data)
    _store_uploads(application, uploads, supplement=False)
    return application, code


def _decide(case: Case, actor, *, approved: bool, reasons: str = "", number: str = "") -> Case:
    """Record the result on a locked case and tell the applicant (办结)."""
    application = Application.objects.select_for_update().get(case=case)
    application.result = (
        Application.Result.APPROVED if approved else Application.Result.NOT_APPROVED
    )
    application.result_reasons = reasons
    application.document_number = number
    application.completed_on = timezone.localdate()
    application.save()
    case.application = application  # callers read the result from the returned case
    note = (
        _("准予。证照或文书编号：%(number)s") % {"number": number or "—"}
        if approved
        else _("不予。理由：%(reasons)s") % {"reasons": reasons}
    )
    decided = cases.conclude(case, "approve" if approved else "refuse", actor, note=note)
    tell_applicant(
        decided,
        _("您的申请已办结（%(number)s）") % {"number": case.receipt_number},
        _("“%(title)s”办理结果：%(note)s 请凭受理编号和查询码查询并评价。")
        % {"title": case.title, "note": note},
    )
    return decided


def _open_steps(case: Case, application: Application, on: date) -> None:
    """One step per department step of the 联办件, each with its own time limit."""
    for item_step in application.item.steps.filter(unit__isnull=False):
        ApplicationStep.objects.create(
            application=application,
            unit=item_step.unit,
            name=item_step.name,
            days=item_step.days,
            started_on=on,
            due_on=calendar.add_working_days(on, item_step.days) if item_step.days else None,
        )


@case_action("accept")
def accept(
    case: Case,
    actor,
    *,
    on: date | None = None,
    complete_at_once: bool = False,
    document_number: str = "",
) -> Case:
    """受理: the clock starts (a 承诺件 is due after its promised working days); a 联办件
    gets its department steps; a 即办件 may be completed at once."""
    require_legal(case, "accept", actor)
    application = Application.objects.select_for_update().get(case=case)
    item = application.item
    if complete_at_once and item.item_kind != ItemKind.IMMEDIATE:
        raise IllegalTransition(_("只有即办件可以当场办结。"))
    on = on or timezone.localdate()
    accepted = cases.start_clock(
        case,
        "accept",
        actor,
        on=on,
        time_limit=item.time_limit(),
        note=_("受理日期 %(on)s") % {"on": on.isoformat()},
    )
    if item.item_kind == ItemKind.JOINT:
        _open_steps(accepted, application, on)
    if complete_at_once:
        return _decide(accepted, actor, approved=True, number=document_number.strip())
    tell_applicant(
        accepted,
        _("您的申请已受理（%(number)s）") % {"number": case.receipt_number},
        _("“%(title)s”已受理，办理期限 %(due)s。")
        % {"title": case.title, "due": case_notify.due_text(accepted) if accepted.due_on else "—"},
    )
    return accepted


@case_action("reject")
def reject(case: Case, actor, *, reasons: str) -> Case:
    """不予受理, always with the reasons."""
    require_legal(case, "reject", actor)
    reasons = _required(reasons, _("不予受理必须说明理由。"))
    application = Application.objects.select_for_update().get(case=case)
    application.rejection_reasons = reasons
    application.save(update_fields=["rejection_reasons"])
    case.application = application
    rejected = cases.conclude(case, "reject", actor, note=reasons)
    tell_applicant(
        rejected,
        _("您的申请不予受理（%(number)s）") % {"number": case.receipt_number},
        _("理由：%(reasons)s") % {"reasons": reasons},
    )
    return rejected


@case_action("notify_missing")
def notify_missing(case: Case, actor, *, missing: str) -> Case:
    """一次性告知: everything missing, in one notice, once per application."""
    require_legal(case, "notify_missing", actor)
    missing = _required(missing, _("一次性告知必须列明需补正的全部内容。"))
    application = Application.objects.select_for_update().get(case=case)
    if application.notice_given_at is not None:
        raise IllegalTransition(_("一次性告知只能发出一次。"))
    application.notice = missing
    application.notice_given_at = timezone.now()
    application.save(update_fields=["notice", "notice_given_at"])
    case.application = application
    notified = step(case, "notify_missing", actor, note=missing)
    tell_applicant(
        notified,
        _("请补正申请材料（%(number)s）") % {"number": case.receipt_number},
        _("需补正：%(missing)s 请凭受理编号和查询码在“办件查询”中补正。") % {"missing": missing},
    )
    return notified


def supplement(case: Case, *, note: str, uploads: list) -> Case:
    """The applicant (who proved it with the query code) supplements; the application
    returns to the window."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        require_legal(case, "supplement", None)
        if not uploads and not note.strip():
            raise IllegalTransition(_("请上传补正材料或填写补正说明。"))
        _store_uploads(case.application, uploads, supplement=True)
        supplemented = step(case, "supplement", None, note=note.strip())
        case_notify.case_arrived(supplemented)
        return supplemented


@case_action("report")
def report(case: Case, actor, *, to: str) -> Case:
    """上报: a 上报件 goes to the higher-level authority for the decision."""
    require_legal(case, "report", actor)
    if case.application.item.item_kind != ItemKind.REPORTED:
        raise IllegalTransition(_("只有上报件需要上报。"))
    to = _required(to, _("请填写上报机关。"))
    return step(case, "report", actor, note=_("上报%(to)s") % {"to": to})


def _not_joint(case: Case) -> None:
    if case.application.item.item_kind == ItemKind.JOINT:
        raise IllegalTransition(_("联办件由各部门分别办理，全部办结后自动办结。"))


@case_action("approve")
def approve(case: Case, actor, *, document_number: str = "") -> Case:
    """办结：准予, with the licence or document number."""
    require_legal(case, "approve", actor)
    _not_joint(case)
    return _decide(case, actor, approved=True, number=document_number.strip())


@case_action("refuse")
def refuse(case: Case, actor, *, reasons: str) -> Case:
    """办结：不予, always with the reasons."""
    require_legal(case, "refuse", actor)
    _not_joint(case)
    reasons = _required(reasons, _("不予许可必须说明理由。"))
    return _decide(case, actor, approved=False, reasons=reasons)


def _decide_step(step_id: int, actor, *, decision: str, reasons: str, number: str) -> Case:
    verb = "approve_step" if decision == ApplicationStep.Decision.APPROVED else "refuse_step"
    with transaction.atomic():
        item_step = ApplicationStep.objects.select_related("unit", "application").get(pk=step_id)
        case = Case.objects.select_for_update().get(pk=item_step.application.case_id)
        if not is_step_staff(actor, item_step.unit_id):
            raise PermissionDenied(
                _("只有%(unit)s的工作人员可以办理本环节。") % {"unit": item_step.unit.name}
            )
        require_legal(case, verb, actor)
        item_step = ApplicationStep.objects.select_for_update().get(pk=step_id)
        if item_step.decision:
            raise IllegalTransition(_("本环节已办理。"))
        item_step.decision = decision
        item_step.reasons = reasons
        item_step.document_number = number
        item_step.decided_by = actor
        item_step.decided_at = timezone.now()
        item_step.save()
        note = f"{item_step.name}（{item_step.unit.name}）" + (f"：{reasons}" if reasons else "")
        case = step(case, verb, actor, note=note)
        return _complete_when_all_done(case, actor)


def _complete_when_all_done(case: Case, actor) -> Case:
    """The 联办件 is done when every step is: approved if all approved, else refused."""
    steps = list(case.application.steps.select_related("unit"))
    if any(not s.decision for s in steps):
        return case
    refusals = [s for s in steps if s.decision == ApplicationStep.Decision.REFUSED]
    if not refusals:
        numbers = "；".join(s.document_number for s in steps if s.document_number)
        return _decide(case, actor, approved=True, number=numbers)
    reasons = "；".join(f"{s.unit.name}：{s.reasons}" for s in refusals)
    return _decide(case, actor, approved=False, reasons=reasons)


def _audited_step(verb: str, step_id: int, actor, **kwargs) -> Case:
    try:
        return _decide_step(step_id, actor, **kwargs)
    except (IllegalTransition, PermissionDenied) as exc:
        audit.record(
            f"case.{verb}",
            actor=actor,
            obj=ApplicationStep.objects.get(pk=step_id).application.case,
            outcome="failure",
            details={"reason": str(exc), "step": step_id},
        )
        raise


def approve_step(item_step: ApplicationStep, actor, *, document_number: str = "") -> Case:
    """A department agrees in its own step of a 联办件."""
    return _audited_step(
        "approve_step",
        item_step.pk,
        actor,
        decision=ApplicationStep.Decision.APPROVED,
        reasons="",
        number=document_number.strip(),
    )


def refuse_step(item_step: ApplicationStep, actor, *, reasons: str) -> Case:
    """A department disagrees in its own step of a 联办件, always with the reasons."""
    if not (reasons or "").strip():
        raise IllegalTransition(_("不同意必须说明理由。"))
    return _audited_step(
        "refuse_step",
        item_step.pk,
        actor,
        decision=ApplicationStep.Decision.REFUSED,
        reasons=reasons.strip(),
        number="",
    )


def _check_rating(value) -> int:
    if value not in RATING_LABELS:
        raise IllegalTransition(_("请对每一项作出 1 至 5 分的评价。"))
    return value


def rate(
    case: Case,
    *,
    overall: int,
    efficiency: int,
    guide: int,
    convenience: int,
    comment: str = "",
    on: date | None = None,
) -> Case:
    """好差评: the applicant (who proved it with the query code) rates a completed
    application on `on` (today); a bad overall rating (1-2) opens a rectification for the
    department, due from that day."""
    ratings = [_check_rating(v) for v in (overall, efficiency, guide, convenience)]
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        require_legal(case, "rate", None)
        application = Application.objects.select_for_update().get(case=case)
        (
            application.overall_rating,
            application.efficiency_rating,
            application.guide_rating,
            application.convenience_rating,
        ) = ratings
        application.rating_comment = comment.strip()[:500]
        application.rated_at = timezone.now()
        application.save()
        case.application = application
        rated = step(case, "rate", None, note=str(RATING_LABELS[overall]), rating=overall)
        if overall <= BAD_RATING:
            open_rectification(application, on=on)
        return rated


def open_rectification(application: Application, *, on: date | None = None) -> Rectification:
    """A bad review becomes a case for the department, due in SERVICE_RECTIFICATION_DAYS
    working days from `on` (the day of the review)."""
    source = application.case
    case, _code = cases.submit(
        k.RECTIFICATION.code,
        unit=source.unit,
        title=_("差评整改：%(title)s（%(number)s）")
        % {"title": source.title, "number": source.receipt_number},
        submitter_name=source.submitter_name,
        submitter_phone=source.submitter_phone,
        submitter_email=source.submitter_email,
        clock_starts_on=on or timezone.localdate(),
        time_limit=settings.SERVICE_RECTIFICATION_DAYS,
    )
    return Rectification.objects.create(case=case, application=application)


@case_action("record_outcome")
def record_outcome(case: Case, actor, *, outcome: str) -> Case:
    """The department records how it rectified (整改情况)."""
    require_legal(case, "record_outcome", actor)
    outcome = _required(outcome, _("请填写整改情况。"))
    Rectification.objects.filter(case=case).update(outcome=outcome)
    return step(case, "record_outcome", actor, note=outcome, public=False)


@case_action("feed_back")
def feed_back(case: Case, actor) -> Case:
    """The outcome is fed back to the applicant (反馈)."""
    require_legal(case, "feed_back", actor)
    rectification = Rectification.objects.select_for_update().get(case=case)
    rectification.fed_back_at = timezone.now()
    rectification.save(update_fields=["fed_back_at"])
    fed_back = cases.answer(
        case,
        "feed_back",
        actor,
        text=rectification.outcome,
        at=rectification.fed_back_at,
        closing=True,
        note=rectification.outcome,
    )
    source = rectification.application.case
    tell_applicant(
        source,
        _("差评整改情况反馈（%(number)s）") % {"number": source.receipt_number},
        rectification.outcome,
    )
    return fed_back


def appeal(case: Case, *, text: str, on: date | None = None) -> Case:
    """The applicant, unconvinced by the feedback, appeals once: the rectification goes back
    to the department with a new deadline from `on` (today)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        require_legal(case, "appeal", None)
        text = _required(text, _("请填写申诉理由。"))
        rectification = Rectification.objects.select_for_update().get(case=case)
        if rectification.appealed_at is not None:
            raise IllegalTransition(_("每次整改只能申诉一次。"))
        rectification.appeal = text
        rectification.appealed_at = timezone.now()
        rectification.save(update_fields=["appeal", "appealed_at"])
        return cases.reopen(case, "appeal", None, on=on or timezone.localdate(), note=text)


def rederive_open_steps(*, since, actor=None) -> int:
    """The holiday table changed: count again the limits of the undecided joint steps."""
    work_calendar = calendar.load()
    moved = []
    steps = ApplicationStep.objects.select_for_update().filter(
        decision="", due_on__gte=since, days__gt=0
    )
    for item_step in steps:
        due = work_calendar.add_working_days(item_step.started_on, item_step.days)
        if due != item_step.due_on:
            moved.append({"step": item_step.pk, "old": str(item_step.due_on), "new": str(due)})
            ApplicationStep.objects.filter(pk=item_step.pk).update(due_on=due)
    if moved:
        audit.record("application.rederive_steps", actor=actor, details={"moved": moved})
    return len(moved)
