"""Verbs of an error report, on top of the case engine: one function per verb."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry, Revision

from opencounty.cases import actions as cases
from opencounty.cases import clock, notify
from opencounty.cases.actions import IllegalTransition, case_action, require_legal, step
from opencounty.cases.models import Case
from opencounty.core import audit
from opencounty.core.calendar import CalendarNotCovered
from opencounty.core.models import Unit
from opencounty.interaction.error_reports import routing
from opencounty.interaction.error_reports.kind import ERROR_REPORT
from opencounty.interaction.error_reports.routing import InvalidReport
from opencounty.interaction.models import ErrorReport

TITLE_LENGTH = 60


def _checked_fields(error_type: str, description: str, name: str, phone: str, email: str):
    if error_type not in ErrorReport.ErrorType.values:
        raise InvalidReport(_("请选择错误类型。"))
    if not description.strip():
        raise InvalidReport(_("请描述您发现的问题。"))
    if not name.strip():
        raise InvalidReport(_("请填写联系人姓名。"))
    if not phone.strip() and not email.strip():
        raise InvalidReport(_("联系电话和电子邮箱请至少填写一项，以便答复您。"))


def _title(page, error_type: str, address: str) -> str:
    where = page.title if page is not None else address
    return f"{ErrorReport.ErrorType(error_type).label}：{where}"[:TITLE_LENGTH]


def start_clock(case: Case, on: date) -> bool:
    """Start the reply clock on `on`. When the calendar does not cover the period yet, the
    case is kept without a deadline (the office is told through the audit log)."""
    case.clock_started_on = on
    case.time_limit = ERROR_REPORT.time_limit
    try:
        case.due_on = clock.derive_due_on(case)
    except CalendarNotCovered as exc:
        case.clock_started_on, case.time_limit, case.due_on = None, 0, None
        audit.record(
            "case.start_clock",
            obj=case,
            outcome="failure",
            details={"reason": "calendar_not_covered", "year": exc.year},
        )
        return False
    case.save(update_fields=["clock_started_on", "time_limit", "due_on"])
    return True


def submit_report(
    *,
    page_url: str,
    error_type: str,
    description: str,
    name: str,
    phone: str = "",
    email: str = "",
    request_host: str = "",
    base_url: str = "",
    received_on: date | None = None,
) -> tuple[ErrorReport, str]:
    """Store a report first, then acknowledge it: returns the report and its query code.

    Only pages of this site may be reported; the case goes to the unit owning the page
    (the county office when the address leads nowhere). The clock starts on the day the
    report is received (`received_on`, today by default).
    """
    address = routing.checked_address(page_url, request_host=request_host, base_url=base_url)
    _checked_fields(error_type, description, name, phone, email)
    page, unit = routing.route(address)
    with transaction.atomic():
        case, query_code = cases.submit(
            ERROR_REPORT.code,
            unit=unit,
            title=_title(page, error_type, address),
            submitter_name=name.strip(),
            submitter_phone=phone.strip(),
            submitter_email=email.strip(),
        )
        report = ErrorReport.objects.create(
            case=case,
            page_url=address,
            page=page,
            error_type=error_type,
            description=description.strip(),
        )
        start_clock(case, received_on or timezone.localdate(case.submitted_at))
        notify.case_arrived(case)
    return report, query_code


@case_action("accept")
def accept(case: Case, actor) -> Case:
    """The owning unit takes the report on (starting the clock if the calendar was missing)."""
    require_legal(case, "accept", actor)
    if case.clock_started_on is None:
        start_clock(case, timezone.localdate(case.submitted_at))
    return step(case, "accept", actor, note=_("已受理，正在核实"))


@case_action("transfer")
def transfer(case: Case, actor, *, to_unit: Unit, reason: str) -> Case:
    """Pass the report to the unit that really owns the content, with a reason."""
    require_legal(case, "transfer", actor)
    if to_unit.pk == case.unit_id:
        raise IllegalTransition(_("请选择其他单位。"))
    if not reason.strip():
        raise IllegalTransition(_("转办必须填写理由。"))
    transferred = cases.transfer(
        case, actor, to_unit=to_unit, reason=reason.strip(), on=timezone.localdate()
    )
    notify.case_arrived(transferred)
    return transferred


def _publish_log(page_id: int) -> QuerySet:
    return PageLogEntry.objects.filter(
        page_id=page_id, action="wagtail.publish", revision__isnull=False
    ).values("revision_id")


def fixing_revisions(report: ErrorReport) -> QuerySet:
    """Published revisions of the reported page made after the report: the ones that may fix it."""
    if report.page_id is None:
        return Revision.objects.none()
    page = report.page
    published = Q(pk__in=_publish_log(page.pk))
    if page.live_revision_id:
        published |= Q(pk=page.live_revision_id)
    return (
        Revision.objects.for_instance(page)
        .filter(published, created_at__gt=report.case.submitted_at)
        .select_related("user")
        .order_by("-created_at")
    )


def check_fixing_revision(report: ErrorReport, revision: Revision | None) -> None:
    if report.page_id is None:
        raise IllegalTransition(_("该纠错没有对应到本站页面，无法关联修正版本；请直接答复。"))
    if (
        revision is None
        or not Revision.objects.for_instance(report.page).filter(pk=revision.pk).exists()
    ):
        raise IllegalTransition(_("所选版本不属于出错页面，请选择该页面的修正版本。"))
    if revision.created_at <= report.case.submitted_at:
        raise IllegalTransition(_("所选版本早于纠错提交时间，不能作为修正版本。"))
    if not fixing_revisions(report).filter(pk=revision.pk).exists():
        raise IllegalTransition(_("所选版本尚未发布，请先发布修正后的页面。"))


@case_action("mark_fixed")
def mark_fixed(case: Case, actor, *, revision: Revision | None, text: str = "") -> Case:
    """The page was corrected by `revision`; the reporter reads the reply in the lookup."""
    require_legal(case, "mark_fixed", actor)
    report = case.error_report
    check_fixing_revision(report, revision)
    now = timezone.now()
    report.fixed_revision = revision
    report.fixed_at = now
    report.save(update_fields=["fixed_revision", "fixed_at"])
    case.reply = text.strip() or _("您反映的问题已修正，感谢您对本网站的关心和支持。")
    case.replied_at = now
    fixed = step(
        case,
        "mark_fixed",
        actor,
        note=_("页面已于%(on)s修正") % {"on": f"{timezone.localtime(now):%Y-%m-%d}"},
        details={"revision": revision.pk},
    )
    notify.submitter_answered(fixed)
    return fixed


@case_action("mark_not_an_error")
def mark_not_an_error(case: Case, actor, *, explanation: str) -> Case:
    """Checked: the page is right; the explanation is the reply to the reporter."""
    require_legal(case, "mark_not_an_error", actor)
    if not explanation.strip():
        raise IllegalTransition(_("请说明核实情况。"))
    case.reply = explanation.strip()
    case.replied_at = timezone.now()
    checked = step(case, "mark_not_an_error", actor, note=_("经核实，页面内容无误"))
    notify.submitter_answered(checked)
    return checked


@case_action("reply")
def reply(case: Case, actor, *, text: str) -> Case:
    """Any other answer (e.g. the content belongs to another website)."""
    replied = cases.record_reply(case, actor, text=text.strip())
    notify.submitter_answered(replied)
    return replied


def close(case: Case, actor, *, note: str = "") -> Case:
    return cases.close(case, actor, note=note)
