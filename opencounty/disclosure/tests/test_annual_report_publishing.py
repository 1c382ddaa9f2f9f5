"""Who may write and publish an annual report, and what publishing freezes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from opencounty.core.models import AuditEntry, Unit
from opencounty.disclosure.annual_report import document_for
from opencounty.disclosure.models import AnnualReport
from opencounty.disclosure.report_actions import ReportRefused, publish_report, save_report
from opencounty.disclosure.tests.test_annual_report import placed

T01_2026 = {"unit_code": "T01", "year": 2026}


def draft(unit_code: str, actor, year: int = 2026, **fields) -> AnnualReport:
    fields.setdefault("overview", "本年度，本单位认真贯彻落实《政府信息公开条例》。")
    return save_report(Unit.objects.get(code=unit_code), year, actor, **fields)


@pytest.mark.django_db
def test_the_units_reviewer_publishes_and_the_tables_are_frozen(
    known_requests,
    chengguan_officer,
    chengguan_reviewer,
):
    report = draft("T01", chengguan_officer)
    report = publish_report(report, chengguan_reviewer)
    stored = AnnualReport.objects.get(pk=report.pk)
    assert stored.state == AnnualReport.State.PUBLISHED
    assert stored.published_by == chengguan_reviewer and stored.published_at is not None
    assert AuditEntry.objects.filter(action="annual_report.publish", object_id=str(stored.pk))

    placed("natural", date(2026, 6, 1))  # a late entry after publication
    frozen = document_for(stored).table("requests")
    assert frozen.value("new", 6) == 5, "the published table is the one published"


@pytest.mark.django_db
def test_an_information_officer_cannot_publish(chengguan_officer):
    report = draft("T01", chengguan_officer)
    with pytest.raises(PermissionDenied, match="审核人"):
        publish_report(report, chengguan_officer)
    assert AnnualReport.objects.get(pk=report.pk).state == AnnualReport.State.DRAFT


@pytest.mark.django_db
def test_staff_of_another_unit_can_neither_write_nor_publish(
    chengguan_officer, qingshi_officer, qingshi_reviewer
):
    report = draft("T01", chengguan_officer, overview="城关镇的报告")
    with pytest.raises(PermissionDenied, match="其他单位"):
        draft("T01", qingshi_officer, overview="青石镇改写")
    with pytest.raises(PermissionDenied):
        publish_report(report, qingshi_reviewer)
    stored = AnnualReport.objects.get(pk=report.pk)
    assert stored.overview == "城关镇的报告" and stored.state == AnnualReport.State.DRAFT
    refusal = AuditEntry.objects.filter(action="annual_report.publish", outcome="failure")
    assert refusal.filter(actor=qingshi_reviewer).exists()


@pytest.mark.django_db
def test_the_county_report_is_published_by_the_county_or_the_office(
    county_officer, county_reviewer, office_headline_reviewer, chengguan_reviewer
):
    report = draft("000", county_officer)
    for refused in (county_officer, chengguan_reviewer):
        with pytest.raises(PermissionDenied):
            publish_report(report, refused)
    assert publish_report(report, county_reviewer).is_published

    other_year = draft("000", county_officer, year=2025)
    assert publish_report(other_year, office_headline_reviewer).is_published


@pytest.mark.django_db
def test_the_office_cannot_publish_a_townships_report(chengguan_officer, office_headline_reviewer):
    report = draft("T01", chengguan_officer)
    with pytest.raises(PermissionDenied):
        publish_report(report, office_headline_reviewer)


@pytest.mark.django_db
def test_a_published_report_cannot_be_changed_or_published_again(
    chengguan_officer, chengguan_reviewer
):
    report = publish_report(draft("T01", chengguan_officer), chengguan_reviewer)
    with pytest.raises(ReportRefused, match="已发布，不能再修改"):
        draft("T01", chengguan_officer, overview="改写")
    with pytest.raises(ReportRefused, match="已发布"):
        publish_report(report, chengguan_reviewer)
    assert AnnualReport.objects.get(pk=report.pk).overview.startswith("本年度")


@pytest.mark.django_db
def test_a_report_without_the_overall_situation_is_not_published(
    chengguan_officer, chengguan_reviewer
):
    report = draft("T01", chengguan_officer, overview="  ")
    with pytest.raises(ReportRefused, match="总体情况"):
        publish_report(report, chengguan_reviewer)
    assert not AnnualReport.objects.get(pk=report.pk).is_published
