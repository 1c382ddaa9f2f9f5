from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from opencounty.cases.models import Case
from opencounty.core.models import Unit
from opencounty.disclosure.annual_report import requests_table
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.tests.test_disclosure_requests import apply

T = DisclosureRequest.ApplicantType


def placed(applicant_type, submitted, decided=None, outcome="", sub_reason="", unit="T01", n=[0]):  # noqa: B006
    """A request placed at a point in time (the test arranges dates; the report only reads them)."""
    n[0] += 1
    request, _ = apply(
        id_number=f"1101011990030{n[0]:05d}",
        description=f"第{n[0]}项信息",
        applicant_type=applicant_type,
        unit=Unit.objects.get(code=unit),
    )
    Case.objects.filter(pk=request.case_id).update(
        submitted_at=timezone.make_aware(datetime.combine(submitted, datetime.min.time()))
    )
    DisclosureRequest.objects.filter(pk=request.pk).update(
        decided_on=decided, outcome=outcome, sub_reason=sub_reason
    )
    return request


@pytest.fixture
def known_requests(db):
    placed(T.NATURAL_PERSON, date(2025, 12, 10), date(2026, 1, 10), "disclosed")
    placed(T.NATURAL_PERSON, date(2026, 3, 1), date(2026, 3, 20), "not_disclosed", "state_secret")
    placed(T.COMMERCIAL, date(2026, 5, 1), date(2026, 5, 15), "cannot_provide", "not_held")
    placed(T.RESEARCH, date(2026, 12, 20))
    placed(T.LEGAL_SERVICE, date(2026, 11, 1), date(2027, 1, 5), "partly")
    placed(T.NATURAL_PERSON, date(2025, 6, 1), date(2025, 7, 1), "disclosed")
    placed(T.OTHER_ORGANISATION, date(2026, 2, 1), date(2026, 3, 1), "other", "correction_overdue")
    placed(T.NATURAL_PERSON, date(2026, 4, 1), unit="T02")


@pytest.mark.django_db
def test_the_requests_table_cell_by_cell(known_requests):
    table = requests_table([Unit.objects.get(code="T01")], 2026)
    expected = {
        ("new", "natural"): 1,
        ("new", "commercial"): 1,
        ("new", "research"): 1,
        ("new", "legal_service"): 1,
        ("new", "other_org"): 1,
        ("new", "total"): 5,
        ("carried_in", "natural"): 1,
        ("carried_in", "total"): 1,
        ("disclosed", "natural"): 1,
        ("disclosed", "total"): 1,
        ("not_disclosed:state_secret", "natural"): 1,
        ("not_disclosed:state_secret", "total"): 1,
        ("cannot_provide:not_held", "commercial"): 1,
        ("cannot_provide:not_held", "total"): 1,
        ("other:correction_overdue", "other_org"): 1,
        ("other:correction_overdue", "total"): 1,
        ("partly", "legal_service"): 0,
        ("handled", "natural"): 2,
        ("handled", "commercial"): 1,
        ("handled", "other_org"): 1,
        ("handled", "total"): 4,
        ("carried_out", "research"): 1,
        ("carried_out", "legal_service"): 1,
        ("carried_out", "total"): 2,
    }
    for (row, column), value in expected.items():
        assert table.cell(row, column) == value, (row, column)
    # No count anywhere else: every non-zero total is one of the expected cells.
    everything = sum(table.cell(row, "total") for row in table.cells)
    assert everything == sum(expected[k] for k in expected if k[1] == "total")
    assert table.balanced


@pytest.mark.django_db
def test_the_county_report_aggregates_its_units(known_requests):
    table = requests_table(list(Unit.objects.all()), 2026)
    assert table.cell("new", "natural") == 2
    assert table.cell("carried_out", "natural") == 1
    assert table.balanced


@pytest.mark.django_db
def test_the_command_prints_the_table_and_the_balance_check(known_requests, capsys):
    call_command("disclosure_annual_report", unit="T01", year=2026)
    out = capsys.readouterr().out
    assert "一、本年新收政府信息公开申请数量\t1\t1\t1\t0\t1\t1\t5" in out
    assert "属于国家秘密\t1\t0\t0\t0\t0\t0\t1" in out
    assert "校验：新收 + 上年结转 = 本年办理 + 结转下年 ✓" in out
