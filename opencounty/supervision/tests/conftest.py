"""Fixtures shared by the supervision tests: a known month of cases and columns."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.interaction.models import Letter
from opencounty.portal.models import ArticlePage, ColumnPage
from opencounty.supervision.tests.helpers import (
    answered_request,
    disclosure_request,
    letter,
    place,
    rated_letter,
)


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


@pytest.fixture
def known_month(october_cases, t01_columns):
    """October 2026 worked out by hand: 城关镇's cases and columns as above; 青石镇 had no case
    and no article since 2020 in any of its columns."""
    t02 = Unit.objects.get(code="T02")
    for column in ColumnPage.objects.child_of(t02.root_page):
        _set_published(ArticlePage.objects.child_of(column), date(2020, 1, 1))
    return t02
