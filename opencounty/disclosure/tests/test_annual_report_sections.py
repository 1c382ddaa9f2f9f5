"""The six sections of the annual report, computed from a known set of data."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from opencounty.core.models import Unit
from opencounty.disclosure import catalogue as c
from opencounty.disclosure.annual_report import build_report, report_units
from opencounty.disclosure.models import AnnualReport
from opencounty.disclosure.report_actions import ReportRefused, save_report
from opencounty.disclosure.tests.test_catalogue import catalogued_article, publish

FIGURES = {
    "licensing_decisions": 12,
    "penalty_decisions": 7,
    "compulsion_decisions": 2,
    "administrative_fees_10k_yuan": Decimal("1.2500"),
    "review_upheld": 3,
    "review_corrected": 1,
    "review_other": 0,
    "review_pending": 2,
    "direct_suit_upheld": 1,
    "direct_suit_corrected": 0,
    "direct_suit_other": 1,
    "direct_suit_pending": 0,
    "suit_after_review_upheld": 0,
    "suit_after_review_corrected": 2,
    "suit_after_review_other": 0,
    "suit_after_review_pending": 5,
}


def t01() -> Unit:
    return Unit.objects.get(code="T01")


def county() -> Unit:
    return Unit.objects.get(code="000")


def values(table, key):
    return next(row.values for row in table.rows if row.key == key)


@pytest.mark.django_db
def test_every_computed_and_entered_table_cell_by_cell(known_requests, chengguan_officer):
    save_report(t01(), 2026, chengguan_officer, overview="本年度工作概况。", **FIGURES)
    document = build_report([t01()], 2026)

    assert values(document.table("licensing"), "licensing") == [12]
    assert values(document.table("penalties"), "penalty") == [7]
    assert values(document.table("penalties"), "compulsion") == [2]
    assert values(document.table("fees"), "administrative_fees") == ["1.25"]

    requests = document.table("requests")
    expected = {
        "new": [1, 1, 1, 0, 1, 1, 5],
        "carried_in": [1, 0, 0, 0, 0, 0, 1],
        "disclosed": [1, 0, 0, 0, 0, 0, 1],
        "partly": [0, 0, 0, 0, 0, 0, 0],
        "not_disclosed:state_secret": [1, 0, 0, 0, 0, 0, 1],
        "not_disclosed:prohibited_by_law": [0] * 7,
        "cannot_provide:not_held": [0, 1, 0, 0, 0, 0, 1],
        "other:correction_overdue": [0, 0, 0, 0, 0, 1, 1],
        "handled": [2, 1, 0, 0, 0, 1, 4],
        "carried_out": [0, 0, 1, 0, 1, 0, 2],
    }
    for key, row in expected.items():
        assert values(requests, key) == row, key
    counted = [row for row in requests.rows if row.values]
    assert sum(row.values[-1] for row in counted) == 5 + 1 + 4 + 4 + 2, "nothing counted twice"
    assert document.balanced

    review = document.table("review")
    assert values(review, "review") == [3, 1, 0, 2, 6]
    assert values(review, "direct_suit") == [1, 0, 1, 0, 2]
    assert values(review, "suit_after_review") == [0, 2, 0, 5, 7]


@pytest.mark.django_db
def test_the_requests_table_follows_the_national_row_order(known_requests):
    labels = [row.label for row in build_report([t01()], 2026).table("requests").rows]
    assert labels[:4] == [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "（一）予以公开",
    ]
    assert labels.index("（三）不予公开") + 1 == labels.index("1.属于国家秘密")
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert len(labels) == 3 + 2 + 4 + 8 + 3 + 5 + 3 + 2


@pytest.mark.django_db
def test_the_county_report_counts_every_unit_with_its_own_entered_figures(
    known_requests,
    chengguan_officer,
    county_officer,
):
    save_report(t01(), 2026, chengguan_officer, licensing_decisions=12, overview="城关镇")
    save_report(county(), 2026, county_officer, licensing_decisions=30, overview="全县")
    document = build_report(report_units(county()), 2026)
    assert document.report.unit == county() and document.report.overview == "全县"
    assert values(document.table("licensing"), "licensing") == [30]
    requests = document.table("requests")
    assert values(requests, "new")[0] == 2, "城关镇's and 青石镇's natural persons"
    assert values(requests, "carried_out")[-1] == 3
    assert document.balanced


@pytest.mark.django_db
def test_a_unit_without_a_stored_report_shows_zeros_for_entered_figures(known_requests):
    document = build_report([t01()], 2026)
    assert document.report.pk is None
    assert values(document.table("review"), "review") == [0, 0, 0, 0, 0]
    assert "未收取信息处理费" in document.fee_statement


@pytest.mark.django_db
def test_section_six_states_the_processing_fees(chengguan_officer):
    save_report(
        t01(),
        2026,
        chengguan_officer,
        fee_notices=2,
        fees_notified_yuan=Decimal("300.00"),
        fees_collected_yuan=Decimal("200.00"),
    )
    statement = build_report([t01()], 2026).fee_statement
    assert statement == "本年度共发出信息处理费收费通知2件，总金额300元；实际收取总金额200元。"


@pytest.mark.django_db
def test_bad_figures_are_refused_in_chinese_and_change_nothing(chengguan_officer):
    with pytest.raises(ValidationError) as refused:
        save_report(t01(), 2026, chengguan_officer, overview="草稿", licensing_decisions=-1)
    assert "licensing_decisions" in refused.value.message_dict
    assert "大于或等于" in " ".join(refused.value.message_dict["licensing_decisions"])
    assert not AnnualReport.objects.filter(unit__code="T01").exists()

    with pytest.raises(ReportRefused, match="年度应在2008年至"):
        save_report(t01(), 1999, chengguan_officer, overview="草稿")
    with pytest.raises(ReportRefused, match="未知的字段：state"):
        save_report(t01(), 2026, chengguan_officer, state="published")
    assert not AnnualReport.objects.filter(unit__code="T01").exists()


@pytest.mark.django_db
def test_rules_and_normative_documents_come_from_the_catalogue():
    def row(units, key):
        return values(build_report(units, 2026).table("normative_documents"), key)

    before, county_before = row([t01()], "normative"), row(report_units(county()), "normative")
    publish(catalogued_article("T01", "本年制发的规范性文件", made_on=date(2026, 2, 2)))
    publish(
        catalogued_article(
            "T01",
            "本年制发又废止的规范性文件",
            made_on=date(2026, 2, 3),
            validity=c.Validity.REPEALED,
            validity_changed_on=date(2026, 9, 1),
        )
    )
    publish(
        catalogued_article(
            "T01",
            "本年制发的规章",
            made_on=date(2026, 4, 1),
            document_class=c.DocumentClass.REGULATION,
        )
    )
    after = row([t01()], "normative")
    assert [a - b for a, b in zip(after, before, strict=True)] == [2, 1, 1]
    assert row([t01()], "regulation") == list(
        c.normative_document_counts([t01()], 2026)["regulation"].values()
    )
    assert row([t01()], "regulation")[0] >= 1
    county_after = row(report_units(county()), "normative")
    assert [a - b for a, b in zip(county_after, county_before, strict=True)] == [2, 1, 1]
