"""The PDF for reading: LibreOffice converts the .docx, the text (文号, title, body) is in it
as text in a CJK font, on A4; another unit gets 404; without LibreOffice the document page
says why in Chinese and nothing is pretended."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.test import override_settings

from opencounty.core.models import AuditEntry
from opencounty.officedocs import pdf
from opencounty.officedocs.tests.conftest import sent

pytestmark = pytest.mark.django_db

needs_libreoffice = pytest.mark.skipif(
    pdf.converter() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are not installed (.ci/run installs them)",
)


@needs_libreoffice
def test_the_pdf_is_the_document_converted_by_libreoffice(
    client, county_clerk, county_signer, chengguan_clerk, planning_clerk, tmp_path
):
    document = sent(county_clerk, county_signer)
    client.force_login(chengguan_clerk)
    response = client.get(f"/admin/officedocs/{document.pk}/document.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    (tmp_path / "d.pdf").write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "d.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = "".join(text.split())
    assert document.number in flat
    assert "".join(document.title.split()) in flat
    assert "森林防火" in flat
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "d.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "595.3" in info and "841.8" in info, info  # A4 in points

    # 县发改局 received nothing: 404 and an audit entry, no PDF made.
    client.force_login(planning_clerk)
    assert client.get(f"/admin/officedocs/{document.pk}/document.pdf").status_code == 404
    assert AuditEntry.objects.filter(
        action="officedocs.open_refused", actor=planning_clerk
    ).exists()


def test_without_libreoffice_the_page_says_so(client, county_clerk, county_signer, chengguan_clerk):
    document = sent(county_clerk, county_signer)
    client.force_login(chengguan_clerk)
    with override_settings(OFFICEDOCS_SOFFICE="no-such-libreoffice-program"):
        response = client.get(f"/admin/officedocs/{document.pk}/document.pdf", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/officedocs/{document.pk}/"
    page = response.content.decode()
    assert "本服务器未安装 LibreOffice，无法生成 PDF" in page
    assert response["Content-Type"].startswith("text/html")
