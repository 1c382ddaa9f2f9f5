"""Scores come from the office's rule table and the records, worked by hand here."""

from decimal import Decimal

import pytest

from opencounty.core.models import Unit
from opencounty.submissions import actions, scoring
from opencounty.submissions.tests.people import at, sent_item

pytestmark = pytest.mark.django_db

RULES = {
    "bulletin_affairs": 5,
    "bulletin_research": 8,
    "city": 10,
    "province": 20,
    "instruction": 10,
    "late_special": 2,
    "yearly_target": 24,
}


@pytest.fixture
def figures(
    chengguan_officer,
    chengguan_reviewer,
    qingshi_officer,
    qingshi_reviewer,
    dispatcher,
    office_headline_reviewer,
):
    """城关镇: item A in 《政务信息》 (5), taken up by the city (10) and commented on by a leader
    (10): 25. Its item C, with 青石镇's item B merged into it, in 《调研参考》 (8) and adopted by
    the province (20): 28 shared, 14 each. 青石镇 also sent a 专报 two hours after the event
    (the limit is one hour): -2. So 城关镇 25 + 14 = 39, 青石镇 14 - 2 = 12."""
    actions.set_rule_points(office_headline_reviewer, RULES)
    a = sent_item(chengguan_officer, chengguan_reviewer, "2026-03-02 09:00", title="甲")
    c = sent_item(chengguan_officer, chengguan_reviewer, "2026-03-05 09:00", title="丙")
    b = sent_item(qingshi_officer, qingshi_reviewer, "2026-03-05 10:00", title="乙")
    late = sent_item(
        qingshi_officer,
        qingshi_reviewer,
        "2026-03-06 11:00",
        title="青石镇突发山体滑坡",
        category="special",
        source_note="现场照片已存档",
        event_at=at("2026-03-06 09:00"),
    )
    assert late.is_late
    affairs = actions.create_issue("affairs", dispatcher, on=at("2026-03-09 09:00").date())
    research = actions.create_issue("research", dispatcher, on=at("2026-03-09 09:00").date())
    actions.adopt(a, affairs, dispatcher, at=at("2026-03-09 10:00"))
    actions.merge(c, [b], dispatcher, at=at("2026-03-09 10:30"))
    actions.adopt(c, research, dispatcher, at=at("2026-03-09 11:00"))
    actions.record_upward(a, "city", dispatcher, at=at("2026-04-10 09:00"))
    actions.record_upward(a, "instruction", dispatcher, note="县长批示", at=at("2026-04-12 09:00"))
    actions.record_upward(c, "province", dispatcher, at=at("2026-05-20 09:00"))
    return {"A": a, "B": b, "C": c}


def by_unit(period) -> dict[str, scoring.Score]:
    names = dict(Unit.objects.values_list("pk", "code"))
    return {names[score.key]: score for score in scoring.unit_scores(period)}


def test_the_year_adds_every_adoption_the_merge_shares_and_the_late_deduction(figures):
    scores = by_unit(scoring.period("year", 2026))
    assert scores["T01"].points == Decimal("39.00")
    assert scores["T02"].points == Decimal("12.00")
    assert (scores["T01"].adopted, scores["T01"].upward, scores["T01"].instructions) == (2, 2, 1)
    assert (scores["T02"].adopted, scores["T02"].upward, scores["T02"].late) == (1, 1, 1)
    assert [scores[code].rank for code in ("T01", "T02", "D01", "D02")] == [1, 2, 3, 3]
    assert scores["T01"].target == Decimal("24.00") and scores["T01"].reached
    assert scores["T02"].reached is False


def test_a_month_counts_only_what_happened_in_it(figures):
    march = by_unit(scoring.period("month", 2026, 3))
    assert march["T01"].points == Decimal("9.00")  # 5 + 8 / 2
    assert march["T02"].points == Decimal("2.00")  # 8 / 2 - 2
    assert march["T01"].target == Decimal("2.00")  # 24 × 1 / 12
    second_quarter = by_unit(scoring.period("quarter", 2026, 2))
    assert second_quarter["T01"].points == Decimal("30.00")  # 10 + 10 + 20 / 2
    assert second_quarter["T02"].points == Decimal("10.00")


def test_changing_the_rule_table_changes_every_score(figures, office_headline_reviewer):
    actions.set_rule_points(office_headline_reviewer, {"city": 12, "late_special": 5})
    scores = by_unit(scoring.period("year", 2026))
    assert scores["T01"].points == Decimal("41.00")
    assert scores["T02"].points == Decimal("9.00")


def test_officers_are_ranked_too(figures, chengguan_officer, qingshi_officer):
    officers = scoring.officer_scores(scoring.period("year", 2026))
    assert [(s.key, s.points, s.rank) for s in officers] == [
        (chengguan_officer.pk, Decimal("39.00"), 1),
        (qingshi_officer.pk, Decimal("12.00"), 2),
    ]


def test_a_three_way_merge_rounds_each_share_to_the_cent(
    chengguan_officer,
    chengguan_reviewer,
    qingshi_officer,
    qingshi_reviewer,
    dispatcher,
    office_headline_reviewer,
):
    actions.set_rule_points(office_headline_reviewer, {"bulletin_affairs": 5})
    lead = sent_item(chengguan_officer, chengguan_reviewer, title="一")
    second = sent_item(chengguan_officer, chengguan_reviewer, title="二")
    third = sent_item(qingshi_officer, qingshi_reviewer, title="三")
    actions.merge(lead, [second, third], dispatcher, at=at("2026-03-03 09:00"))
    issue = actions.create_issue("affairs", dispatcher, on=at("2026-03-03 09:00").date())
    actions.adopt(lead, issue, dispatcher, at=at("2026-03-03 10:00"))
    scores = by_unit(scoring.period("month", 2026, 3))
    assert scores["T01"].points == Decimal("3.34")  # 1.67 twice
    assert scores["T02"].points == Decimal("1.67")


def test_a_special_report_within_the_hour_loses_nothing(
    chengguan_officer, chengguan_reviewer, office_headline_reviewer
):
    actions.set_rule_points(office_headline_reviewer, {"late_special": 2})
    item = sent_item(
        chengguan_officer,
        chengguan_reviewer,
        "2026-03-06 09:50",
        category="special",
        source_note="现场记录",
        event_at=at("2026-03-06 09:00"),
    )
    assert not item.is_late
    assert by_unit(scoring.period("month", 2026, 3))["T01"].points == 0
