"""The 电子监察 screen: scoping by unit, filters, counts per colour, Excel export, and the
calendar warning instead of a crash."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import PASSWORD
from opencounty.core.models import CalendarYear, Role
from opencounty.interaction.models import Letter
from opencounty.supervision import board
from opencounty.supervision.tests.helpers import (
    disclosure_request,
    letter,
    place,
    rated_letter,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def covered_years():
    """The office has entered this year and the next (weekends only where nothing else is known)."""
    today = timezone.localdate()
    for year in (today.year - 1, today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})


@pytest.fixture
def cases(covered_years):
    """Red in 城关镇; in 青石镇 one request not yet registered and one red letter; one closed."""
    long_ago = timezone.localdate() - timedelta(days=40)
    return {
        "t01_red": place(
            disclosure_request("T01", received_on=long_ago - timedelta(days=40)), due_on=long_ago
        ),
        "t02_waiting": disclosure_request("T02"),
        "t02_red_letter": place(letter("T02"), due_on=long_ago),
        "closed": rated_letter("T02", Letter.Rating.SATISFIED),
    }


def receipts(response) -> set[str]:
    return {row.case.receipt_number for row in response.context["rows"]}


def expected(cases, *names) -> set[str]:
    return {cases[name].receipt_number for name in names}


def test_the_county_office_sees_every_unit_and_closed_cases_never(client, cases):
    client.login(username=staff("001").username, password=PASSWORD)
    response = client.get(reverse("supervision_admin:board"))
    assert receipts(response) >= expected(cases, "t01_red", "t02_waiting", "t02_red_letter")
    assert cases["closed"].receipt_number not in receipts(response)
    assert "电子监察" in response.content.decode()


def test_a_township_officer_sees_only_their_own_units_cases(client, cases):
    client.login(username=staff("T02").username, password=PASSWORD)
    response = client.get(reverse("supervision_admin:board"))
    assert receipts(response) == expected(cases, "t02_waiting", "t02_red_letter")
    assert cases["t01_red"].receipt_number not in response.content.decode()
    assert response.context["board"].counts == {
        board.RED: 1,
        board.YELLOW: 0,
        board.UNCOUNTED: 0,
        board.NONE: 1,
    }


def test_a_township_officer_cannot_reach_another_unit_through_the_filter(client, cases):
    client.login(username=staff("T02").username, password=PASSWORD)
    t01 = cases["t01_red"].unit
    response = client.get(reverse("supervision_admin:board"), {"unit": t01.pk})
    assert cases["t01_red"].receipt_number not in receipts(response)


@pytest.mark.parametrize(
    "query, names",
    [
        ({"kind": "letter"}, {"t02_red_letter"}),
        ({"kind": "disclosure", "state": "registered"}, {"t01_red"}),
        ({"state": "submitted"}, {"t02_waiting"}),
        ({"colour": "red"}, {"t01_red", "t02_red_letter"}),
        ({"colour": "none"}, {"t02_waiting"}),
    ],
)
def test_the_filters(client, cases, query, names):
    client.login(username=staff("001").username, password=PASSWORD)
    response = client.get(reverse("supervision_admin:board"), query)
    assert receipts(response) == expected(cases, *names)


def test_the_unit_filter(client, cases):
    client.login(username=staff("001").username, password=PASSWORD)
    unit = cases["t02_waiting"].unit
    response = client.get(reverse("supervision_admin:board"), {"unit": unit.pk})
    assert receipts(response) == expected(cases, "t02_waiting", "t02_red_letter")


def test_the_export_holds_the_filtered_rows(client, cases):
    client.login(username=staff("001").username, password=PASSWORD)
    response = client.get(reverse("supervision_admin:board_export"), {"colour": "red"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == "电子监察办件清单"
    assert "预警：红色预警（已超期）" in sheet["A2"].value and "承办单位：全部" in sheet["A2"].value
    assert sheet.freeze_panes == "C4"  # title, filters and headings stay; so do kind and receipt
    lines = list(sheet.iter_rows(min_row=3, values_only=True))
    assert lines[0][:3] == ("类别", "受理编号", "标题")
    by_receipt = {line[1]: line for line in lines[1:]}
    assert set(by_receipt) == expected(cases, "t01_red", "t02_red_letter")
    line = by_receipt[cases["t02_red_letter"].receipt_number]
    assert line[0] == "信箱来信" and line[4].endswith("青石镇")
    assert line[5] == "办理中" and line[9] == "红色预警（已超期）" and line[8] < 0
    assert line[6].date() == cases["t02_red_letter"].due_on
    assert lines[0][7] == "期限说明" and line[7] in (None, "")  # not provisional
    red_rows = [row for row in sheet.iter_rows(min_row=4) if row[1].value in by_receipt]
    assert all(cell.fill.fgColor.rgb.endswith("FFC7CE") for row in red_rows for cell in row)
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width


def test_the_export_fills_yellow_rows_yellow_and_leaves_the_others_plain(client, cases):
    soon = place(letter("T01"), due_on=timezone.localdate())  # due today: yellow
    client.login(username=staff("001").username, password=PASSWORD)
    sheet = load_workbook(BytesIO(client.get(reverse("supervision_admin:board_export")).content))
    rows = {row[1].value: row for row in sheet.active.iter_rows(min_row=4)}
    assert rows[soon.receipt_number][0].fill.fgColor.rgb.endswith("FFEB9C")
    assert rows[cases["t02_waiting"].receipt_number][0].fill.fill_type is None


def test_a_missing_year_shows_the_coverage_warning_and_still_the_colours(client, cases):
    CalendarYear.objects.filter(year=timezone.localdate().year).delete()
    client.login(username=staff("001").username, password=PASSWORD)
    response = client.get(reverse("supervision_admin:board"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "节假日安排尚未录入" in html and "暂定" in html
    colours = {row.case.receipt_number: row.colour for row in response.context["rows"]}
    assert colours[cases["t01_red"].receipt_number] == board.RED


def test_the_menu_shows_supervision_to_staff(client, cases):
    client.login(username=staff("T01", Role.REVIEWER).username, password=PASSWORD)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("supervision_admin:board") in page
    assert reverse("supervision_admin:assessment") in page


def test_the_board_is_read_a_page_at_a_time_and_the_links_keep_the_filters(
    client, cases, monkeypatch
):
    monkeypatch.setattr("opencounty.supervision.admin_views.BOARD_PAGE_ROWS", 2)
    client.login(username=staff("001").username, password=PASSWORD)
    url = reverse("supervision_admin:board")
    first = client.get(url, {"colour": ""})
    total = first.context["board"].total
    assert total >= 3 and len(first.context["rows"]) == 2
    pages = -(-total // 2)
    assert f"第 1 页，共 {pages} 页（第 1–2 条，共 {total} 条）" in first.content.decode()
    assert 'href="?colour=&amp;page=2" rel="next"' in first.content.decode()
    seen = [row.case.receipt_number for row in first.context["rows"]]
    for number in range(2, pages + 1):
        page = client.get(url, {"colour": "", "page": number})
        assert page.context["page"].number == number
        seen += [row.case.receipt_number for row in page.context["rows"]]
    assert len(seen) == total == len(set(seen))
    assert set(seen) >= expected(cases, "t01_red", "t02_waiting", "t02_red_letter")
    # Not a page number: the first page. Past the end: the last page. Never an error.
    for asked, shown in (("abc", 1), ("-3", 1), ("0", 1), ("99999", pages), ("1e9", 1)):
        response = client.get(url, {"page": asked})
        assert response.status_code == 200 and response.context["page"].number == shown, asked
        assert response.context["rows"], asked
