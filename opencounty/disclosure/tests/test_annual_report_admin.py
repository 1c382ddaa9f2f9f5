"""The annual report screens of the admin: write, check, publish, export."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from opencounty.disclosure.models import AnnualReport
from opencounty.disclosure.report_actions import EDITABLE_FIELDS
from opencounty.disclosure.tests.test_annual_report_publishing import draft

URL = "/admin/annual-reports/T01/2026/"


def form_data(**overrides) -> dict:
    data = {name: "0" for name in EDITABLE_FIELDS}
    data.update(overview="", problems="", other_matters="", verb="save")
    data.update({k: str(v) for k, v in overrides.items()})
    return data


@pytest.mark.django_db
def test_an_officer_writes_the_narrative_and_sees_the_balance_check(
    client,
    known_requests,
    chengguan_officer,
):
    client.force_login(chengguan_officer)
    page = client.get(URL).content.decode()
    assert 'data-balanced="yes"' in page and "校验通过" in page
    assert 'data-row="new"' in page, "the computed tables are shown beside the form"
    assert 'value="publish"' not in page, "an officer has no publish button"

    html = client.post(
        URL, form_data(overview="全年工作概况。", licensing_decisions=9), follow=True
    ).content.decode()
    assert "年度报告已保存" in html
    stored = AnnualReport.objects.get(unit__code="T01", year=2026)
    assert stored.overview == "全年工作概况。" and stored.licensing_decisions == 9
    assert stored.state == AnnualReport.State.DRAFT
    assert "<p>全年工作概况。</p>" in html


@pytest.mark.django_db
def test_bad_figures_on_the_screen_are_refused_and_nothing_is_stored(client, chengguan_officer):
    client.force_login(chengguan_officer)
    html = client.post(URL, form_data(overview="概况", review_upheld=-3)).content.decode()
    assert "保存未成功" in html and "大于或等于" in html
    assert not AnnualReport.objects.filter(unit__code="T01").exists()
    response = client.get("/admin/annual-reports/T01/1990/", follow=True)
    assert "年度应在2008年至" in response.content.decode()


@pytest.mark.django_db
def test_the_reviewer_publishes_from_the_screen(client, chengguan_officer, chengguan_reviewer):
    draft("T01", chengguan_officer)
    client.force_login(chengguan_reviewer)
    html = client.post(URL, {"verb": "publish"}, follow=True).content.decode()
    assert "年度报告已发布" in html and "不能再修改" in html
    stored = AnnualReport.objects.get(unit__code="T01", year=2026)
    assert stored.is_published and stored.published_by == chengguan_reviewer
    client.logout()
    assert "认真贯彻落实" in client.get("/disclosure/T01/annual-reports/2026/").content.decode()


@pytest.mark.django_db
def test_publishing_an_unsaved_report_is_refused_on_the_screen(client, chengguan_reviewer):
    client.force_login(chengguan_reviewer)
    html = client.post(URL, {"verb": "publish"}, follow=True).content.decode()
    assert "请先保存年度报告再发布" in html
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db
def test_staff_see_their_units_reports_and_the_office_sees_all(
    client, chengguan_officer, qingshi_officer, office_headline_reviewer
):
    draft("T01", chengguan_officer)
    draft("T02", qingshi_officer)
    client.force_login(qingshi_officer)
    listing = client.get("/admin/annual-reports/").content.decode()
    assert "/admin/annual-reports/T02/2026/" in listing
    assert "/admin/annual-reports/T01/2026/" not in listing
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, form_data(overview="改写")).status_code in (302, 403)
    assert AnnualReport.objects.get(unit__code="T01").overview != "改写"

    client.force_login(office_headline_reviewer)
    listing = client.get("/admin/annual-reports/").content.decode()
    assert "/admin/annual-reports/T01/2026/" in listing
    assert "/admin/annual-reports/T02/2026/" in listing


@pytest.mark.django_db
def test_the_open_form_leads_to_the_report_of_a_year(client, chengguan_officer):
    client.force_login(chengguan_officer)
    response = client.get("/admin/annual-reports/", {"unit": "T01", "year": "2025"})
    assert response.status_code == 302 and response["Location"].endswith("/T01/2025/")
    html = client.get("/admin/annual-reports/", {"unit": "T02", "year": "2025"}).content.decode()
    assert '<option value="T01"' in html and '<option value="T02"' not in html
    assert "选择一个有效的选项" in html


@pytest.mark.django_db
def test_the_screen_exports_word_and_excel(client, known_requests, chengguan_officer):
    client.force_login(chengguan_officer)
    response = client.get(URL + "report.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="annual-report-T01-2026.xlsx"'
    sheet = load_workbook(BytesIO(response.content))["依申请公开"]
    assert [c.value for c in sheet[5]][:2] == ["一、本年新收政府信息公开申请数量", 1]
    response = client.get(URL + "report.docx")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert client.get(URL + "report.pdf").status_code == 404


@pytest.mark.django_db
def test_an_officer_posting_publish_is_refused_on_the_screen(client, chengguan_officer):
    draft("T01", chengguan_officer)
    client.force_login(chengguan_officer)
    html = client.post(URL, {"verb": "publish"}, follow=True).content.decode()
    assert "只有本单位的审核人可以发布年度报告" in html
    html = client.post(URL, {"verb": "delete"}, follow=True).content.decode()
    assert "未知的操作" in html
    assert AnnualReport.objects.get(unit__code="T01").state == AnnualReport.State.DRAFT
