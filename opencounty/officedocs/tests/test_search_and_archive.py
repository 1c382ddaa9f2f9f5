"""Search of sent and received documents (only what the person may see, constant queries) and
the yearly archive export (.zip read back: .docx per document, attachments, register)."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl import load_workbook

from opencounty.core.models import AuditEntry
from opencounty.officedocs import actions, records
from opencounty.officedocs.tests.conftest import SENT_AT, sent, unit

pytestmark = pytest.mark.django_db


def numbers(client, **query) -> list[str]:
    response = client.get("/admin/officedocs/search/", query)
    assert response.status_code == 200, response.content.decode()
    return [document.number for document in response.context["documents"]]


def test_search_by_number_title_unit_and_dates_finds_only_what_one_may_see(
    client, county_clerk, county_signer, chengguan_clerk, planning_clerk
):
    fire = sent(county_clerk, county_signer, codes=["T01", "T02"])
    later = SENT_AT + timedelta(days=10)
    flood = sent(
        county_clerk, county_signer, codes=["T02"], title="关于做好防汛准备工作的通知", at=later
    )
    client.force_login(chengguan_clerk)
    assert numbers(client, number=fire.number) == [fire.number]
    assert numbers(client, number=flood.number) == []  # not sent to 城关镇
    assert numbers(client, title="森林 防火") == [fire.number]
    assert numbers(client, title="防汛") == []
    assert numbers(client, unit=unit("000").pk) == [fire.number]
    assert numbers(client, direction="sent") == []

    client.force_login(county_clerk)
    assert numbers(client, direction="sent") == [flood.number, fire.number]
    assert numbers(client, unit=unit("T01").pk) == [fire.number]
    assert numbers(client, since=later.date().isoformat()) == [flood.number]
    assert numbers(client, until=SENT_AT.date().isoformat()) == [fire.number]
    assert numbers(client, direction="received") == []

    client.force_login(planning_clerk)
    assert numbers(client, title="通知") == []

    client.force_login(county_clerk)
    response = client.get(
        "/admin/officedocs/search/", {"since": "2026-12-01", "until": "2026-11-01"}
    )
    assert response.status_code == 400 and "起始日期不能晚于截止日期" in response.content.decode()
    response = client.get("/admin/officedocs/search/", {"since": "明天"})
    assert response.status_code == 400


def test_the_search_page_takes_the_same_number_of_queries_for_one_or_many(
    client, county_clerk, county_signer
):
    client.force_login(county_clerk)
    sent(county_clerk, county_signer, codes=["T01"])
    client.get("/admin/officedocs/search/", {"title": "通知"})  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        assert (
            len(client.get("/admin/officedocs/search/", {"title": "通知"}).context["documents"])
            == 1
        )
    for n in range(4):
        sent(county_clerk, county_signer, codes=["T01", "T02", "D02"], title=f"第{n}号通知")
    with CaptureQueriesContext(connection) as five:
        assert (
            len(client.get("/admin/officedocs/search/", {"title": "通知"}).context["documents"])
            == 5
        )
    assert len(five) == len(one)


def test_the_archive_holds_each_document_its_attachments_and_a_register(
    client, county_clerk, county_signer, chengguan_clerk
):
    first = sent(county_clerk, county_signer, codes=["T01", "T02"])
    actions.sign_for(chengguan_clerk, first.deliveries.get(unit__code="T01"), at=SENT_AT)
    second = sent(
        county_clerk,
        county_signer,
        codes=["D02"],
        title='=HYPERLINK("http://x.cn")/../关于印发..方案的通知',
    )
    client.force_login(county_clerk)
    response = client.get(
        "/admin/officedocs/archive/export/", {"unit": unit("000").pk, "year": SENT_AT.year}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert names[0] == "登记表.xlsx"
    for name in names:
        assert not name.startswith(("/", ".")) and ".." not in name and "\\" not in name
        assert name.count("/") <= 1
    docx_names = [name for name in names if name.endswith(".docx")]
    assert len(docx_names) == 2 and docx_names[0].startswith(f"001_{first.number}")
    text = "\n".join(p.text for p in Document(io.BytesIO(archive.read(docx_names[0]))).paragraphs)
    assert first.title in text and first.number in text
    attachments = [name for name in names if "/" in name]
    assert len(attachments) == 2
    assert archive.read(attachments[0]) == first.attachments.get().file.open("rb").read()

    sheet = load_workbook(io.BytesIO(archive.read("登记表.xlsx"))).active
    rows = list(sheet.iter_rows(min_row=2))
    assert [row[1].value for row in rows] == [first.number, second.number]
    assert rows[0][4].value == SENT_AT.date().isoformat()
    assert rows[0][8].value == "1/2"
    assert "已签收（" in rows[0][7].value and "青石镇：未签收" in rows[0][7].value
    assert rows[1][2].value == second.title and rows[1][2].data_type == "s"
    assert rows[1][2].quotePrefix
    assert AuditEntry.objects.filter(action="officedocs.archive_export", outcome="success").exists()


def test_another_units_archive_is_refused_in_chinese(
    client, county_clerk, county_signer, chengguan_clerk
):
    sent(county_clerk, county_signer, codes=["T01"])
    client.force_login(chengguan_clerk)
    response = client.get(
        "/admin/officedocs/archive/export/", {"unit": unit("000").pk, "year": SENT_AT.year}
    )
    assert response.status_code == 403
    assert "只能导出本单位的发文归档" in response.content.decode()
    assert AuditEntry.objects.filter(action="officedocs.archive_export", outcome="refused").exists()
    response = client.get(
        "/admin/officedocs/archive/export/", {"unit": unit("T01").pk, "year": "abc"}
    )
    assert response.status_code == 400 and "请选择单位和年度" in response.content.decode()


def test_file_names_are_safe():
    assert records.safe_file_name("../../etc/passwd") == "_._etc_passwd"
    assert records.safe_file_name('a<b>c:"d|e?f*g\x00h') == "a_b_c__d_e_f_gh"
    assert records.safe_file_name("...") == "_"
    assert len(records.safe_file_name("长" * 300)) == 80
