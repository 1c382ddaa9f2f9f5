"""Verbs of the annual report: save a draft, publish. Views, commands and tests call these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.core import audit
from opencounty.core.access import holds_office_role, holds_role, sees_every_unit, works_for
from opencounty.core.models import Role, Unit
from opencounty.disclosure.annual_report import document_for
from opencounty.disclosure.models import AnnualReport
from opencounty.portal.cache import invalidate_pages

FIRST_YEAR = 2008  # the first year of the disclosure regulations
EDITABLE_FIELDS = (
    "overview",
    "problems",
    "other_matters",
    "licensing_decisions",
    "penalty_decisions",
    "compulsion_decisions",
    "administrative_fees_10k_yuan",
    *(
        f"{kind}_{result}"
        for kind in ("review", "direct_suit", "suit_after_review")
        for result in ("upheld", "corrected", "other", "pending")
    ),
    "fee_notices",
    "fees_notified_yuan",
    "fees_collected_yuan",
)
COUNTY_PUBLISHER_ROLES = (Role.REVIEWER, Role.HEADLINE_REVIEWER)


class ReportRefused(ValueError):
    """The report cannot change this way (message in Chinese for the user)."""


def can_edit(user, unit: Unit) -> bool:
    """Staff of the unit, and the county office (which supervises every unit)."""
    return works_for(user, unit)


def can_publish(user, unit: Unit) -> bool:
    """A reviewer of the unit; for the county report, a reviewer of the county government or the
    county e-government office."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    if holds_role(user, unit, [Role.REVIEWER]):
        return True
    return unit.kind == Unit.Kind.COUNTY_GOVERNMENT and holds_office_role(
        user, COUNTY_PUBLISHER_ROLES
    )


def editable_units(user) -> list[Unit]:
    """The units whose reports a staff member may write (the county office: every unit)."""
    if user is None or not user.is_authenticated:
        return []
    units = Unit.objects.order_by("kind", "order", "code")
    if sees_every_unit(user):
        return list(units)
    return list(units.filter(role_groups__group__user=user).distinct())


def visible_reports(user):
    reports = AnnualReport.objects.select_related("unit", "published_by")
    return reports.filter(unit__in=editable_units(user))


def check_year(year: int) -> None:
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ReportRefused(
            _("年度应在%(first)s年至%(last)s年之间。") % {"first": FIRST_YEAR, "last": this_year}
        )


def _refuse(verb: str, actor, unit: Unit, year: int, reason: str) -> None:
    # Refusals are recorded outside any transaction, so they survive its rollback.
    audit.record(
        f"annual_report.{verb}",
        actor=actor,
        obj=unit,
        outcome="failure",
        details={"year": year, "reason": reason},
    )


def save_report(unit: Unit, year: int, actor, **fields) -> AnnualReport:
    """Create or change the draft of a unit's report for a year: narrative and entered figures."""
    if not can_edit(actor, unit):
        _refuse("save", actor, unit, year, "not_staff")
        raise PermissionDenied(_("您无权编写其他单位的年度报告。"))
    check_year(year)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ReportRefused(_("未知的字段：%(names)s") % {"names": "、".join(sorted(unknown))})
    with transaction.atomic():
        report, _created = AnnualReport.objects.select_for_update().get_or_create(
            unit=unit, year=year
        )
        if report.is_published:
            raise ReportRefused(_("年度报告已发布，不能再修改。"))
        for name, value in fields.items():
            setattr(report, name, value)
        report.full_clean()
        report.save()
        audit.record(
            "annual_report.save", actor=actor, obj=report, details={"fields": sorted(fields)}
        )
    return report


def publish_report(report: AnnualReport, actor) -> AnnualReport:
    """Publish a report: its tables are frozen as they stand now and the public page shows it."""
    if not can_publish(actor, report.unit):
        _refuse("publish", actor, report.unit, report.year, "not_publisher")
        raise PermissionDenied(_("只有本单位的审核人可以发布年度报告。"))
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
        if report.is_published:
            raise ReportRefused(_("年度报告已发布。"))
        if not report.overview.strip():
            raise ReportRefused(_("请先填写“一、总体情况”再发布。"))
        document = document_for(report)
        if not document.balanced:
            raise ReportRefused(
                _("申请情况表不平衡（新收 + 上年结转 ≠ 本年办理 + 结转下年），请核实数据后再发布。")
            )
        report.published_tables = [table.as_dict() for table in document.tables]
        report.state = AnnualReport.State.PUBLISHED
        report.published_at = timezone.now()
        report.published_by = actor
        report.save()
        audit.record(
            "annual_report.publish", actor=actor, obj=report, details={"year": report.year}
        )
        transaction.on_commit(invalidate_pages)
    return report


def validation_messages(error: ValidationError) -> list[str]:
    """A model's field errors as sentences naming the field."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    labels = {f.name: str(f.verbose_name) for f in AnnualReport._meta.fields}
    return [
        f"{labels.get(name, name)}：{message}"
        for name, errors in error.message_dict.items()
        for message in errors
    ]
