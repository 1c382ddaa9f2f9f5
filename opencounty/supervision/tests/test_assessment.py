"""The monthly unit assessment for a known set of cases and columns, its chart and its export."""

from datetime import date, datetime, time
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import PASSWORD
from opencounty.core.models import Unit
from opencounty.interaction.models import Letter
from opencounty.portal.models import ArticlePage, ColumnPage
from opencounty.supervision import assessment, chart
from opencounty.supervision.assessment import Month
from opencounty.supervision.tests.helpers import (
    answered_request,
    disclosure_request,
    letter,
    place,
    rated_letter,
    staff,
)

pytestmark = pytest.mark.django_db
OCTOBER = Month(2026, 10)
TODAY = date(2026, 11, 10)


@pytest.fixture
def october_cases():
    """城关镇 in October 2026 (working days worked out by hand on the 2026 calendar)."""
    place(
        answered_request("T01", date(2026, 10, 12)),
        submitted_at=date(2026, 10, 12),
        replied_at=date(2026, 10, 20),  # 6 working days, well before its due day
        closed_at=date(2026, 10, 21),
    )
    place(
        rated_letter("T01", Letter.Rating.SATISFIED),
        submitted_at=date(2026, 9, 1),
        due_on=date(2026, 9, 15),
        replied_at=date(2026, 10, 9),  # late; 23 working days across National Day
        closed_at=date(2026, 10, 10),
    )
    place(letter("T01"), submitted_at=date(2026, 10, 5), due_on=date(2026, 10, 20))  # open, late
    request = disclosure_request("T01", received_on=date(2026, 10, 28))  # open, not yet due
    place(request, submitted_at=date(2026, 10, 28))
    place(
        rated_letter("T01", Letter.Rating.BASICALLY_SATISFIED),
        submitted_at=date(2026, 10, 9),
        due_on=date(2026, 10, 23),
        replied_at=date(2026, 10, 13),  # 3 working days (Sat 10 Oct is a make-up day)
        closed_at=date(2026, 10, 14),
    )
    place(
        rated_letter("T01", Letter.Rating.SATISFIED),
        submitted_at=date(2026, 10, 19),
        due_on=date(2026, 10, 30),
        replied_at=date(2026, 10, 22),  # answered in time, rated only in November
        closed_at=date(2026, 11, 2),
    )
    place(
        answered_request("T02", date(2026, 9, 1)),
        submitted_at=date(2026, 9, 1),
        replied_at=date(2026, 9, 10),
        closed_at=date(2026, 9, 11),
    )


def figures_of(result, code: str):
    return next(row for row in result.rows if row.unit.code == code)


def test_the_case_figures_of_a_month(october_cases):
    units = Unit.objects.filter(code__in=["T01", "T02"])
    result = assessment.assess(units, OCTOBER, TODAY)
    t01 = figures_of(result, "T01")
    assert (t01.received, t01.closed, t01.closed_on_time, t01.overdue) == (5, 3, 2, 2)
    assert t01.average_working_days == 10.7  # (6 + 23 + 3) / 3
    assert t01.on_time_rate == 66.7
    assert (t01.rated, t01.satisfied, t01.satisfaction_rate) == (2, 1, 50.0)
    t02 = figures_of(result, "T02")
    assert (t02.received, t02.closed, t02.overdue, t02.on_time_rate) == (0, 0, 0, None)
    assert t02.average_working_days is None and t02.satisfaction_rate is None
    assert result.calendar_warnings == []


def test_a_case_still_open_is_overdue_in_every_month_it_stays_past_due(october_cases):
    units = Unit.objects.filter(code="T01")
    november = assessment.assess(units, Month(2026, 11), TODAY)
    t01 = figures_of(november, "T01")
    # Only the letter due 20 October is still open and past due; the late-rated one closed on time.
    assert (t01.received, t01.closed, t01.closed_on_time, t01.overdue) == (0, 1, 1, 1)
    assert t01.average_working_days == 3.0  # 19 Oct to its reply on 22 Oct


def _set_published(articles, day: date) -> None:
    moment = timezone.make_aware(datetime.combine(day, time(9)))
    ArticlePage.objects.filter(pk__in=[a.pk for a in articles]).update(first_published_at=moment)


@pytest.fixture
def t01_columns():
    """城关镇's news, notice and policy columns with placed dates, and one empty news column."""
    unit = Unit.objects.get(code="T01")
    columns = {c.slug: c for c in ColumnPage.objects.child_of(unit.root_page)}
    for column in columns.values():
        _set_published(ArticlePage.objects.child_of(column), date(2020, 1, 1))

    def article(column, title, day):
        page = ArticlePage(title=title, body="<p>正文。</p>")
        column.add_child(instance=page)
        _set_published([page], day)

    article(columns["news"], "十月上旬动态", date(2026, 10, 10))
    article(columns["news"], "十一月动态", date(2026, 11, 5))
    article(columns["notices"], "三月通知", date(2026, 3, 1))
    article(columns["policies"], "六月政策", date(2026, 6, 1))
    unit.root_page.add_child(instance=ColumnPage(title="专项动态", slug="special", kind="news"))
    return unit


def test_columns_not_updated_within_the_national_limits(t01_columns):
    # By 31 Oct: news last 10 Oct (>14 days), notices last 1 Mar (>6 months), the new column empty;
    # policies last 1 Jun are within 6 months. The 5 Nov article does not count for October.
    assert assessment.stale_columns(t01_columns, date(2026, 10, 31)) == 3
    # By 10 Nov the 5 Nov article keeps the news column fresh.
    assert assessment.stale_columns(t01_columns, date(2026, 11, 10)) == 2
    # By 2 Dec the policy column is six months old too.
    assert assessment.stale_columns(t01_columns, date(2026, 12, 2)) == 4


def test_months_are_counted_back_on_the_calendar():
    assert assessment.months_before(date(2026, 10, 31), 6) == date(2026, 4, 30)
    assert assessment.months_before(date(2026, 3, 1), 6) == date(2025, 9, 1)


def test_the_chart_draws_one_bar_per_unit_in_proportion(october_cases):
    result = assessment.assess(Unit.objects.filter(code__in=["T01", "T02"]), OCTOBER, TODAY)
    drawn = chart.on_time_chart(result.rows)
    bars = {bar.label: bar for bar in drawn.bars}
    assert bars["城关镇"].text == "66.7%" and bars["城关镇"].width == round(400 * 0.667)
    assert bars["青石镇"].text == "—" and bars["青石镇"].width == 0


def test_the_screen_and_its_export(client, october_cases):
    client.login(username=staff("001").username, password=PASSWORD)
    response = client.get(reverse("supervision_admin:assessment"), {"month": "2026-10"})
    page = response.content.decode()
    assert "2026-10 各单位考核情况" in page and "<svg" in page and "66.7%" in page
    export = client.get(reverse("supervision_admin:assessment_export"), {"month": "2026-10"})
    sheet = load_workbook(BytesIO(export.content)).active
    assert sheet.title == "2026-10"
    lines = {line[0]: line for line in sheet.iter_rows(min_row=2, values_only=True)}
    t01 = next(line for name, line in lines.items() if name.endswith("城关镇"))
    assert t01[1:8] == (5, 3, 2, 2, 66.7, 10.7, 50.0)


def test_a_township_officer_assesses_only_their_unit(client, october_cases):
    client.login(username=staff("T02").username, password=PASSWORD)
    response = client.get(reverse("supervision_admin:assessment"), {"month": "2026-10"})
    assert [row.unit.code for row in response.context["assessment"].rows] == ["T02"]
