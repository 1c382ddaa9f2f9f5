"""The disclosure platform pages: guide, catalogue by unit/subject/category, search, CSV and Excel."""

import csv
import io

import pytest
from openpyxl import load_workbook

from opencounty.core.models import Unit
from opencounty.disclosure import catalogue as c
from opencounty.disclosure.models import DisclosurePage, IndexNumber
from opencounty.disclosure.tests.test_catalogue import catalogued_article, publish

pytestmark = pytest.mark.django_db


def platform_of(code: str) -> DisclosurePage:
    return DisclosurePage.objects.child_of(Unit.objects.get(code=code).root_page).get()


@pytest.fixture
def two_documents():
    farm = publish(
        catalogued_article("T01", "城关镇宅基地审核细则", document_number="城政发〔2026〕7号")
    )
    budget = publish(
        catalogued_article(
            "T01",
            "城关镇2026年预算公开",
            document_number="城政发〔2026〕8号",
            subject=c.Subject.FINANCE,
            statutory_category="a20_07",
            document_class=c.DocumentClass.OTHER,
        )
    )
    return farm, budget


def test_township_and_county_lists_of_statutory_categories_differ(client):
    township = client.get(platform_of("T01").url).content.decode()
    department = client.get(platform_of("D01").url).content.decode()
    assert "宅基地使用情况审核" in township and "市政建设" not in township
    assert "市政建设" in department and "宅基地使用情况审核" not in department
    for html in (township, department):
        assert "财政预算、决算信息" in html  # Art. 20 applies to everyone


def test_the_guide_carries_the_units_disclosure_office_contact(client):
    unit = Unit.objects.get(code="T01")
    page = platform_of("T01")
    html = client.get(page.url + "guide/").content.decode()
    assert "政府信息公开指南" in html
    assert unit.disclosure_phone and unit.disclosure_phone in html
    assert "/disclosure/apply/T01/" in html


def test_the_catalogue_is_browsable_by_subject_and_category_and_searchable(client, two_documents):
    farm, budget = two_documents
    url = platform_of("T01").url + "catalogue/"
    by_subject = client.get(url, {"subject": c.Subject.FINANCE}).content.decode()
    assert budget.title in by_subject and farm.title not in by_subject
    by_category = client.get(url, {"category": "a21t_homestead"}).content.decode()
    assert farm.title in by_category and budget.title not in by_category
    by_number = client.get(url, {"q": "〔2026〕8号"}).content.decode()
    assert budget.title in by_number and farm.title not in by_number
    by_index = client.get(url, {"q": IndexNumber.objects.get(page=farm).number}).content.decode()
    assert farm.title in by_index and budget.title not in by_index
    nonsense = client.get(url, {"subject": "<script>", "category": "x", "page": "abc"})
    assert nonsense.status_code == 200


def test_the_county_catalogue_covers_every_unit_and_filters_by_unit(client, two_documents):
    farm, _budget = two_documents
    county = DisclosurePage.objects.child_of(Unit.objects.get(code="000").root_page).get()
    html = client.get(county.url).content.decode()
    assert platform_of("T01").url in html and platform_of("D01").url in html
    catalogue = county.url + "catalogue/"
    assert farm.title in client.get(catalogue).content.decode()
    assert farm.title in client.get(catalogue, {"unit": "T01"}).content.decode()
    assert farm.title not in client.get(catalogue, {"unit": "T02"}).content.decode()
    assert farm.title not in client.get(platform_of("T02").url + "catalogue/").content.decode()


def test_the_catalogue_downloads_as_csv_and_excel(client, two_documents):
    farm, budget = two_documents
    base = platform_of("T01").url
    response = client.get(base + "catalogue/csv/", {"subject": c.Subject.FINANCE})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["索引号", "名称", "发布机构", "文号"]
    assert [row[1] for row in rows[1:]] == [budget.title]
    assert rows[1][0] == IndexNumber.objects.get(page=budget).number
    assert rows[1][3] == "城政发〔2026〕8号"
    assert rows[1][4] == "财政、金融、审计"

    response = client.get(base + "catalogue/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "索引号"
    titles = {row[1] for row in values[1:]}
    assert {farm.title, budget.title} <= titles


def test_the_platform_links_to_applications_and_annual_reports(client):
    html = client.get(platform_of("T01").url).content.decode()
    assert "/disclosure/apply/T01/" in html
    assert "/disclosure/T01/annual-reports/" in html
