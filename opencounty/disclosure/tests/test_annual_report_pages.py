"""The public pages of the annual reports: only published reports, in the national layout."""

from io import BytesIO

import pytest
from docx import Document

from opencounty.disclosure.report_actions import publish_report
from opencounty.disclosure.tests.test_annual_report_publishing import draft


@pytest.fixture
def published_2025_and_draft_2026(chengguan_officer, chengguan_reviewer):
    published = draft("T01", chengguan_officer, year=2025, overview="二〇二五年工作平稳有序。")
    publish_report(published, chengguan_reviewer)
    draft("T01", chengguan_officer, year=2026, overview="尚未发布的草稿。")


@pytest.mark.django_db
def test_the_list_shows_only_published_reports(client, published_2025_and_draft_2026):
    html = client.get("/disclosure/T01/annual-reports/").content.decode()
    assert "/disclosure/T01/annual-reports/2025/" in html
    assert "2025年政府信息公开工作年度报告" in html
    assert "/disclosure/T01/annual-reports/2026/" not in html
    assert client.get("/disclosure/T01/annual-reports/2026/").status_code == 404
    assert client.get("/disclosure/T01/annual-reports/2026/report.docx").status_code == 404
    assert client.get("/disclosure/NOPE/annual-reports/").status_code == 404


@pytest.mark.django_db
def test_a_published_report_shows_every_section_and_accessible_tables(
    client,
    known_requests,
    chengguan_officer,
    chengguan_reviewer,
):
    report = draft("T01", chengguan_officer, overview="第一段。\n第二段。", review_upheld=4)
    publish_report(report, chengguan_reviewer)
    html = client.get("/disclosure/T01/annual-reports/2026/").content.decode()
    assert '<html lang="zh-CN"' in html
    assert "<h1>示范县城关镇2026年政府信息公开工作年度报告</h1>" in html
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"):
        assert heading in html
    assert "<p>第一段。</p>" in html and "<p>第二段。</p>" in html
    assert '<th scope="row">一、本年新收政府信息公开申请数量</th>' in html
    assert '<th scope="colgroup" colspan="5">法人或其他组织</th>' in html
    new_row = html.split('data-row="new"')[1].split("</tr>")[0]
    assert new_row.count("<td>") == 7 and "<td>5</td>" in new_row
    review_row = html.split('data-row="review"')[1].split("</tr>")[0]
    assert "<td>4</td>" in review_row
    assert "<caption" in html and 'name="viewport"' in html


@pytest.mark.django_db
def test_the_public_page_offers_the_word_file(client, published_2025_and_draft_2026):
    response = client.get("/disclosure/T01/annual-reports/2025/report.docx")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = Document(BytesIO(response.content))
    assert "二〇二五年工作平稳有序。" in [p.text for p in document.paragraphs]


@pytest.mark.django_db
def test_publishing_refreshes_the_cached_public_list(
    client, chengguan_officer, chengguan_reviewer, django_capture_on_commit_callbacks
):
    report = draft("T01", chengguan_officer)
    assert "2026年" not in client.get("/disclosure/T01/annual-reports/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        publish_report(report, chengguan_reviewer)
    assert "2026年" in client.get("/disclosure/T01/annual-reports/").content.decode()
