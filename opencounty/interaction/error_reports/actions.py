"""Verbs of an error report, on top of the case engine: one function per verb."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry, Revision

from opencounty.cases import actions as cases
from opencounty.cases.actions import IllegalTransition, case_action, require_legal, step
from opencounty.cases.models import Case
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
    prepared = cases.new_hashed_query_code()  # slow: before the write transaction
    with transaction.atomic():
        case, query_code = cases.submit(
            ERROR_REPORT.code,
            query_code=prepared,
            unit=unit,
            title=_title(page, error_type, address),
            submitter_name=name.strip(),
            submitter_phone=phone.strip(),
            submitter_email=email.strip(),
            clock_starts_on=received_on or timezone.localdate(),
        )
        report = ErrorReport.objects.create(
            case=case,
            page_url=address,
            page=page,
            error_type=error_type,
            description=description.strip(),
        )
    return report, query_code


@case_action("accept")
def accept(case: Case, actor) -> Case:
    """The owning unit takes the report on."""
    return step(case, "accept", actor, note=_("已受理，正在核实"))


@case_action("transfer")
def transfer(case: Case, actor, *, to_unit: Unit, reason: str, on: date | None = None) -> Case:
    """Pass the report to the unit that really owns the content, with a reason."""
    return cases.transfer(
        case, actor, to_unit=to_unit, reason=reason, on=on or timezone.localdate()
    )


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
    return cases.answer(
        case,
        "mark_fixed",
        actor,
        text=text.strip() or _("您反映的问题已修正，感谢您对本网站的关心和支持。"),
        at=now,
        note=_("页面已于%(on)s修正") % {"on": f"{timezone.localtime(now):%Y-%m-%d}"},
        details={"revision": revision.pk},
    )


@case_action("mark_not_an_error")
def mark_not_an_error(case: Case, actor, *, explanation: str) -> Case:
    """Checked: the page is right; the explanation is the reply to the reporter."""
    require_legal(case, "mark_not_an_error", actor)
    if not explanation.strip():
        raise IllegalTransition(_("请说明核实情况。"))
    return cases.answer(
        case, "mark_not_an_error", actor, text=explanation, note=_("经核实，页面内容无误")
    )


@case_action("reply")
def reply(case: Case, actor, *, text: str) -> Case:
    """Any other answer (e.g. the content belongs to another website)."""
    return cases.answer(case, "reply", actor, text=text, public=False)


def close(case: Case, actor, *, note: str = "") -> Case:
    return cases.close(case, actor, note=note)
