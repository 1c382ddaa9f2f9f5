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
    # The demo's three requests from last year, and in the first weeks of a year also the
    # recent ones that were sent in December (the demo places requests by working days back).
    assert table.row_total("carried_in") >= 3
    assert table.row_total("carried_out") > 0
    assert table.balanced


@pytest.mark.django_db
def test_the_demo_publishes_last_years_reports_and_drafts_this_years(client):
    from opencounty.demo.annual_reports import build_reports
    from opencounty.disclosure.models import AnnualReport

    for username, code, role in [
        ("county_officer", "000", Role.INFORMATION_OFFICER),
        ("county_reviewer", "000", Role.REVIEWER),
        ("chengguan_officer", "T01", Role.INFORMATION_OFFICER),
        ("chengguan_reviewer", "T01", Role.REVIEWER),
    ]:
        persona(username, code, role)
    today = timezone.localdate()
    assert build_reports(today) == 4
    assert build_reports(today) == 0  # a second build leaves them alone
    county = AnnualReport.objects.get(unit__code="000", year=today.year - 1)
    assert county.is_published
    assert not AnnualReport.objects.get(unit__code="000", year=today.year).is_published
    html = client.get(f"/disclosure/000/annual-reports/{today.year - 1}/").content.decode()
    assert "一、总体情况" in html and "演示数据" in html


@pytest.mark.django_db
def test_the_demo_letters_cover_every_state_and_colour():
    from opencounty.cases import clock
    from opencounty.cases.models import Case
    from opencounty.demo.letters import build_letters
    from opencounty.interaction import kinds as k
    from opencounty.interaction.models import Letter

    for username, code, role in [
        ("office_dispatcher", "001", Role.INFORMATION_OFFICER),
        ("chengguan_officer", "T01", Role.INFORMATION_OFFICER),
        ("chengguan_reviewer", "T01", Role.REVIEWER),
        ("jiaoyu_officer", "D02", Role.INFORMATION_OFFICER),
        ("jiaoyu_reviewer", "D02", Role.REVIEWER),
    ]:
        persona(username, code, role)
    today = timezone.localdate()
    assert build_letters(random.Random(1), today) == 16
    assert build_letters(random.Random(1), today) == 0
    letters = Case.objects.filter(kind=k.LETTER.code)
    assert set(letters.values_list("state", flat=True)) == set(k.LETTER.states)
    assert Letter.objects.filter(published_at__isnull=False).count() >= 8
    waiting = Letter.objects.filter(
        may_publish=True, published_at__isnull=True, case__state=k.REPLIED
    )
    assert waiting.exists(), "a consenting reply waits for the reviewer's 选登"
    assert Letter.objects.filter(held=True, duplicate_of__isnull=False).exists()
    assert Letter.objects.filter(reopened=True).exists()
    colours = {clock.warning_level(case, today) for case in letters}
    assert {"red", "yellow"} <= colours


@pytest.mark.django_db
def test_demo_guides_agree_with_their_departments_and_windows():
    from opencounty.demo import vocabulary as v
    from opencounty.services.models import ServiceItemPage, ServiceMaterial, ServiceWindow

    placed = {name for names in v.WINDOW_DEPARTMENTS.values() for name in names}
    for window in ServiceWindow.objects.prefetch_related("departments"):
        for unit in window.departments.all():
            field = unit.short_name.removeprefix("县")
            if window.name == v.GENERAL_WINDOW:
                assert field not in placed, (window.name, field)
            else:
                assert field in v.WINDOW_DEPARTMENTS[window.name], (window.name, field)
    personal = ServiceItemPage.objects.filter(scope="individuals")
    assert personal.exists()
    assert not ServiceMaterial.objects.filter(
        item__in=personal, name__in=v.ORGANISATION_MATERIALS
    ).exists()
