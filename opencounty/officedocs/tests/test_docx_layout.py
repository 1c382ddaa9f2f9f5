"""The .docx of a document follows GB/T 9704-2012: A4, the type area's margins, the red
masthead, the 文号 line over a red rule, the title, and the 抄送/印发 block; only the sender and
the recipients may download it."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from opencounty.officedocs.tests.conftest import sent

pytestmark = pytest.mark.django_db


def paragraphs(content: bytes):
    return [p for p in Document(io.BytesIO(content)).paragraphs if p.text.strip()]


def border(paragraph, where: str):
    borders = paragraph._p.pPr.find(qn("w:pBdr"))
    return None if borders is None else borders.find(qn(f"w:{where}"))


def test_the_docx_has_the_national_layout(client, county_clerk, county_signer, chengguan_clerk):
    document = sent(county_clerk, county_signer, codes=["T01"], urgency="urgent", signer="王某")
    client.force_login(chengguan_clerk)
    response = client.get(f"/admin/officedocs/{document.pk}/document.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = response.content
    section = Document(io.BytesIO(content)).sections[0]

    def mm(length) -> float:
        return round(length / 36000, 1)  # EMU; stored in twentieths of a point

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert mm(section.page_width - section.left_margin - section.right_margin) == 156
    assert mm(section.page_height - section.top_margin - section.bottom_margin) == 225
    lines = paragraphs(content)
    texts = [p.text for p in lines]
    assert texts[0] == "加急"
    masthead = lines[1]
    assert masthead.text == "示范县人民政府文件"
    assert str(masthead.runs[0].font.color.rgb) == "E60012"
    number = lines[2]
    assert number.text == "示政办发〔2026〕1号\u3000\u3000签发人：王某"
    assert border(number, "bottom").get(qn("w:color")) == "E60012"
    assert lines[3].text == document.title and lines[3].style.name == "Title"
    assert "各乡镇人民政府，县直各部门：" in texts
    assert "附件：实施方案" in texts
    assert texts[-4:] == [
        "示范县人民政府",
        "2026年11月2日",
        "抄送：县委办公室。",
        "示范县人民政府\u3000\u30002026年11月2日印发",
    ]
    assert border(lines[-2], "top") is not None  # 抄送 between rules
    printed = lines[-1]
    assert border(printed, "top") is not None and border(printed, "bottom") is not None


def test_another_unit_cannot_download_it(client, county_clerk, county_signer, qingshi_clerk):
    document = sent(county_clerk, county_signer, codes=["T01"])
    client.force_login(qingshi_clerk)
    assert client.get(f"/admin/officedocs/{document.pk}/document.docx").status_code == 404
