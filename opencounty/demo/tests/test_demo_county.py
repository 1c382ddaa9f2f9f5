import random
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import persona
from opencounty.core.models import Role, Unit
from opencounty.demo import builder
from opencounty.demo.disclosure import build_requests
from opencounty.disclosure.annual_report import OUTCOME_ROWS, requests_table
from opencounty.portal.models import ArticlePage, ColumnPage


@pytest.mark.django_db
def test_a_second_build_adds_nothing_but_missing_articles():
    pages = ArticlePage.objects.count()
    builder.build(townships=2, departments=2, articles=pages, accounts=False, report=lambda m: None)
    assert ArticlePage.objects.count() == pages
    builder.build(
        townships=2, departments=2, articles=pages + 5, accounts=False, report=lambda m: None
    )
    assert ArticlePage.objects.count() == pages + 5


@pytest.mark.django_db
def test_every_news_column_has_items_from_the_last_two_weeks():
    recent = timezone.now() - timedelta(days=14)
    columns = ColumnPage.objects.filter(kind="news")
    assert columns.exists()
    for column in columns:
        articles = ArticlePage.objects.child_of(column)
        if articles.exists():  # the small test county has fewer articles than columns
            assert articles.filter(first_published_at__gte=recent).exists(), column


@pytest.mark.django_db
def test_the_demo_requests_fill_every_row_of_the_annual_report():
    for code, officer, reviewer in [
        ("T01", "chengguan_officer", "chengguan_reviewer"),
        ("D02", "jiaoyu_officer", "jiaoyu_reviewer"),
    ]:
        persona(officer, code, Role.INFORMATION_OFFICER)
        persona(reviewer, code, Role.REVIEWER)
    today = timezone.localdate()
    assert build_requests(random.Random(1), today) > len(OUTCOME_ROWS)
    table = requests_table(list(Unit.objects.all()), today.year)
    for key, _outcome, _sub_reason in OUTCOME_ROWS:
        assert table.row_total(key) > 0, key
    assert table.row_total("carried_in") == 3
    assert table.row_total("carried_out") > 0
    assert table.balanced
