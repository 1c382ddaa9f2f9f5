"""The assessment's score (docs/supervision.md, 考核得分), worked out by hand; the ranking, the
totals row, the chart in ranking order, and a query count that does not grow with the units."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencounty.core.models import Unit
from opencounty.services.models import ServiceItemPage
from opencounty.supervision import assessment, chart
from opencounty.supervision.assessment import ColumnCheck, UnitFigures
from opencounty.supervision.tests.helpers import OCTOBER, TODAY, figures_of


def points(**figures) -> dict[str, Decimal]:
    return {d.code: d.points for d in assessment.deductions(**figures)}


def test_the_score_is_100_less_five_capped_deductions_worked_out_by_hand():
    taken = points(
        closed=3,
        late=1,  # 35 x 1/3 = 11.67 -> 11.7
        overdue=2,  # 2 x 5 = 10
        rated=2,
        unsatisfied=1,  # 15 x 1/2 = 7.5
        stale_columns=1,  # 3
        incomplete_guides=7,  # 7 x 2 = 14, capped at 10
    )
    assert taken == {
        "late": Decimal("11.7"),
        "overdue": Decimal("10.0"),
        "satisfaction": Decimal("7.5"),
        "columns": Decimal("3.0"),
        "guides": Decimal("10.0"),
    }
    assert assessment.score_after(
        assessment.deductions(
            closed=3,
            late=1,
            overdue=2,
            rated=2,
            unsatisfied=1,
            stale_columns=1,
            incomplete_guides=7,
        )
    ) == Decimal("57.8")  # 100 - 42.2


def test_each_deduction_stops_at_its_cap_and_the_score_never_goes_below_zero():
    worst = points(
        closed=4, late=4, overdue=9, rated=5, unsatisfied=5, stale_columns=6, incomplete_guides=5
    )
    assert worst == {
        "late": Decimal("35.0"),
        "overdue": Decimal("25.0"),
        "satisfaction": Decimal("15.0"),
        "columns": Decimal("15.0"),  # five columns already reach the national veto line
        "guides": Decimal("10.0"),
    }
    assert sum(worst.values()) == 100


def test_a_unit_with_nothing_closed_and_nothing_rated_loses_nothing_for_those():
    nothing = points(
        closed=0, late=0, overdue=0, rated=0, unsatisfied=0, stale_columns=0, incomplete_guides=0
    )
    assert set(nothing.values()) == {Decimal("0.0")}


def test_shares_are_rounded_half_up_to_a_tenth():
    # 15 x 3/4 = 11.25: half up gives 11.3 (banker's rounding would give 11.2).
    assert points(
        closed=0, late=0, overdue=0, rated=4, unsatisfied=3, stale_columns=0, incomplete_guides=0
    )["satisfaction"] == Decimal("11.3")


@pytest.mark.django_db
def test_the_known_month_scores_ranks_and_totals(known_month):
    result = assessment.assess(Unit.objects.filter(code__in=["T01", "T02"]), OCTOBER, TODAY)
    t01, t02 = figures_of(result, "T01"), figures_of(result, "T02")
    # 城关镇: 3 closed, 1 late; 2 overdue; 2 rated, 1 satisfied; 3 stale columns; no guides.
    assert {d.code: d.points for d in t01.deductions} == {
        "late": Decimal("11.7"),
        "overdue": Decimal("10.0"),
        "satisfaction": Decimal("7.5"),
        "columns": Decimal("9.0"),
        "guides": Decimal("0.0"),
    }
    assert t01.score == Decimal("61.8") and t01.level == "yellow"
    # 青石镇: nothing to deduct for cases; its three columns have had nothing since 2020.
    assert t02.stale_columns == 3 and t02.score == Decimal("91.0") and t02.level == ""
    assert [(row.unit.code, row.rank) for row in result.rows] == [("T02", 1), ("T01", 2)]
    total = result.total
    assert (total.received, total.closed, total.closed_on_time, total.overdue) == (5, 3, 2, 2)
    assert (total.on_time_rate, total.satisfaction_rate, total.average_working_days) == (
        66.7,
        50.0,
        10.7,
    )
    assert (total.stale_columns, total.incomplete_guides) == (6, 0)
    assert result.average_score == Decimal("76.4")  # (61.8 + 91.0) / 2


def _figures(name: str, stale: int) -> UnitFigures:
    """A unit whose only deduction is `stale` columns (3 points each)."""
    check = ColumnCheck(column=None, unit_id=0, newest=None, limit=date(2026, 10, 17))
    return UnitFigures(unit=Unit(short_name=name, code=name), columns=[check] * stale)


def test_equal_scores_share_a_rank_and_keep_the_units_order():
    rows = [_figures("甲", 2), _figures("乙", 0), _figures("丙", 2), _figures("丁", 4)]
    ranked = assessment.rank(rows)
    assert [(r.unit.short_name, str(r.score), r.rank) for r in ranked] == [
        ("乙", "100.0", 1),
        ("甲", "94.0", 2),
        ("丙", "94.0", 2),
        ("丁", "88.0", 4),
    ]


def test_the_chart_puts_sixty_units_in_ranking_order_on_one_screen():
    rows = [_figures(f"第{i:02d}乡镇", i % 6) for i in range(60)]
    drawn = chart.score_chart(rows)
    scores = [Decimal(bar.text) for bar in drawn.bars]
    assert scores == sorted(scores, reverse=True) and len(scores) == 60
    assert drawn.bars[0].text == "100" and drawn.bars[-1].text == "85"
    # Heights in proportion to the score: 150 px for 100 points.
    assert [drawn.bars[0].height, drawn.bars[-1].height] == [150, round(150 * 0.85)]
    assert drawn.height <= 330 and drawn.width <= 1300  # the old chart: 1,580 px tall


@pytest.mark.django_db
def test_the_assessment_makes_as_many_queries_for_every_unit_as_for_one(known_month):
    def queries(units) -> int:
        with CaptureQueriesContext(connection) as captured:
            assessment.assess(units, OCTOBER, TODAY)
        return len(captured)

    # A department with service guides, one of them a draft (its revision is read too).
    draft = ServiceItemPage.objects.filter(has_unpublished_changes=True).first()
    department = draft.department if draft else Unit.objects.get(code="D01")
    one = queries(Unit.objects.filter(pk=department.pk))
    every = queries(Unit.objects.all())
    assert Unit.objects.count() > 4
    assert every == one, (one, every)
