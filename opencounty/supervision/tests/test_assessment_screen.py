"""The 单位考核 screen on a known month: the ranking with scores, totals and the formula; every
number a link to the cases, columns and guides behind it; future months refused; the chart in
ranking order; the Excel file with its title, widths and colours."""

import re
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PASSWORD
from opencounty.cases.models import Case
from opencounty.cases.staff_views import detail_url
from opencounty.core.models import Unit
from opencounty.portal.models import ColumnPage
from opencounty.supervision.tests.helpers import staff

pytestmark = pytest.mark.django_db
ASSESSMENT = reverse("supervision_admin:assessment")
EXPORT = reverse("supervision_admin:assessment_export")
DETAILS = reverse("supervision_admin:assessment_detail")


@pytest.fixture(autouse=True)
def on_the_tenth_of_november():
    with time_machine.travel(datetime(2026, 11, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai"))):
        yield


@pytest.fixture
def office(client):
    client.login(username=staff("001").username, password=PASSWORD)
    return client


def row_html(page: str, code: str) -> str:
    match = re.search(rf'<tr data-unit="{code}".*?</tr>', page, re.S)
    assert match, code
    return match.group(0)


def test_the_office_sees_the_ranking_with_scores_totals_and_the_formula(office, known_month):
    response = office.get(ASSESSMENT, {"month": "2026-10"})
    page = response.content.decode()
    rows = response.context["assessment"].rows
    assert [row.rank for row in rows] == sorted(row.rank for row in rows)
    codes = [row.unit.code for row in rows]
    assert codes.index("T02") < codes.index("T01")
    t01 = row_html(page, "T01")
    assert "61.8" in t01 and "case-warning--yellow" in t01
    assert 'data-unit="total"' in page and "合计" in page
    assert "计分办法" in page and "35 分 ×（逾期办结件数 ÷ 办结件数）" in page
    assert "每个 3 分，最多 15 分" in page


def test_every_number_links_to_the_cases_columns_and_guides_behind_it(office, known_month):
    t01 = Unit.objects.get(code="T01")
    page = office.get(ASSESSMENT, {"month": "2026-10"}).content.decode()
    links = re.findall(r'href="([^"]+)"', row_html(page, "T01"))
    unit_page = f"{DETAILS}?month=2026-10&amp;unit={t01.pk}"
    anchors = ["score", "received", "closed", "closed", "overdue", "closed", "closed", "rated"]
    assert links == [f"{unit_page}#{a}" for a in anchors + ["columns", "guides"]]
    total_links = re.findall(r'href="([^"]+)"', row_html(page, "total"))
    assert total_links[0] == f"{DETAILS}?month=2026-10"
    assert total_links[1] == f"{DETAILS}?month=2026-10#received"

    details = office.get(DETAILS, {"month": "2026-10", "unit": t01.pk})
    html = details.content.decode()
    sections = details.context["sections"]
    overdue = next(s for s in sections if s.anchor == "overdue")
    late_letter = Case.objects.get(unit=t01, due_on="2026-09-15")
    open_letter = Case.objects.get(unit=t01, due_on="2026-10-20")
    assert {line.case.pk for line, _name in overdue.items} == {late_letter.pk, open_letter.pk}
    for case in (late_letter, open_letter):
        assert f'<a href="{detail_url(case)}">{case.receipt_number}</a>' in html
    assert "未办结，已超期" in html and "逾期办结" in html
    closed = next(s for s in sections if s.anchor == "closed")
    assert closed.count == 3
    stale = {check.column.pk for check, _name in details.context["columns"].items}
    by_slug = {c.slug: c.pk for c in ColumnPage.objects.child_of(t01.root_page)}
    assert stale == {by_slug["news"], by_slug["notices"], by_slug["special"]}
    for check, _name in details.context["columns"].items:
        assert f'href="/admin/pages/{check.column.pk}/"' in html
    assert f"/admin/supervision/?colour=red&amp;unit={t01.pk}" in html
    assert "综合得分 61.8（第 " in html  # the deductions, with the rank


def test_the_totals_open_every_units_cases(office, known_month):
    details = office.get(DETAILS, {"month": "2026-10"})
    received = next(s for s in details.context["sections"] if s.anchor == "received")
    assert received.count == 5
    assert {name for _line, name in received.items} == {"城关镇"}


def test_a_township_officer_cannot_open_another_units_details(client, known_month):
    client.login(username=staff("T02").username, password=PASSWORD)
    t01 = Unit.objects.get(code="T01")
    assert client.get(DETAILS, {"month": "2026-10", "unit": t01.pk}).status_code == 404
    assert client.get(DETAILS, {"month": "2026-10", "unit": "x"}).status_code == 404
    own = client.get(DETAILS, {"month": "2026-10"})
    assert [row.unit.code for row in own.context["assessment"].rows] == ["T02"]


@pytest.mark.parametrize("url", [ASSESSMENT, EXPORT, DETAILS])
def test_a_future_month_is_refused_in_chinese_and_nothing_is_computed(office, url):
    response = office.get(url, {"month": "2026-12"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "2026-12 尚未开始，不能考核；最晚只能选择本月（2026-11）。" in page
    assert "assessment" not in response.context
    assert 'max="2026-11"' in page  # the month picker offers no later month


def test_unreadable_months_are_refused_too(office):
    for month in ("2026-13", "abc", "<script>", "9" * 500):
        response = office.get(ASSESSMENT, {"month": month})
        assert response.status_code == 400, month
        assert "<script>" not in response.content.decode()


def test_this_month_is_assessed_up_to_today(office):
    response = office.get(ASSESSMENT)
    assert response.status_code == 200
    assert str(response.context["assessment"].month) == "2026-11"
    assert "统计截至 2026-11-10" in response.content.decode()


def test_the_chart_on_the_page_follows_the_ranking(office, known_month):
    response = office.get(ASSESSMENT, {"month": "2026-10"})
    drawn = re.findall(r'<g data-unit="([^"]+)">', response.content.decode())
    assert drawn == [row.unit.short_name for row in response.context["assessment"].rows]
    scores = [bar.text for bar in response.context["chart"].bars]
    assert [float(s) for s in scores] == sorted((float(s) for s in scores), reverse=True)


def test_the_export_has_a_title_the_ranking_totals_widths_and_colours(office, known_month):
    response = office.get(EXPORT, {"month": "2026-10"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.title == "2026-10"
    assert sheet["A1"].value == "2026年10月单位考核" and sheet["A1"].font.b
    subtitle = sheet["A2"].value
    assert "全部单位" in subtitle and "统计截至 2026-10-31" in subtitle
    assert "导出日期：2026-11-10" in subtitle
    assert [c.value for c in sheet[3]][:3] == ["排名", "单位", "综合得分"]
    assert sheet.freeze_panes == "C4"
    lines = {row[1].value: row for row in sheet.iter_rows(min_row=4) if row[1].value}
    t01 = next(row for name, row in lines.items() if name.endswith("城关镇"))
    t02 = next(row for name, row in lines.items() if name.endswith("青石镇"))
    assert [c.value for c in t01[2:8]] == [61.8, 5, 3, 2, 2, 66.7]
    assert t01[2].fill.fgColor.rgb.endswith("FFEB9C")  # yellow: below 80 points
    assert t02[2].value == 91.0 and t02[2].fill.fill_type is None
    assert t02[0].value < t01[0].value  # ranked above
    total = lines["合计"]
    assert total[1].font.b and [c.value for c in total[3:7]] == [5, 3, 2, 2]
    assert sheet.column_dimensions["B"].width >= 2 * len("示范县城关镇")
    notes = [row[0].value for row in sheet.iter_rows(min_row=4) if row[0].value]
    assert any(str(note).startswith("综合得分 = 100 − 扣分") for note in notes)
