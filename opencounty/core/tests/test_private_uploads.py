"""Uploads (issue 11 §9): a file is accepted only when its name and content agree (no
evil.html, no evil.svg), private files are 0600 in 0700 folders, and identity scans and
materials are encrypted at rest; staff downloads still give the original bytes."""

import os
import stat

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import PASSWORD, persona
from opencounty.core.models import Role
from opencounty.core.storage import MAGIC, PrivateStorage, safe_stored_name, shorten_filename
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.tests.test_public_application import VALID as DISCLOSURE
from opencounty.services.models import Application, ApplicationMaterial
from opencounty.services.tests.helpers import PDF, PNG, live_item
from opencounty.services.tests.test_applying_online import filled_form

pytestmark = pytest.mark.django_db

IDENTITY_SCAN = PNG + b"identity-card-of-lin-shifan"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.html", b"<script>alert(document.cookie)</script>"),
        ("evil.html", PDF),  # PDF magic bytes, served as HTML by a careless browser
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("evil.svg", PNG),
        ("scan.pdf", PNG),  # a PNG calling itself PDF
        ("scan.pdf.exe", PDF),
        ("scan", PDF),
    ],
)
def test_a_file_whose_name_and_content_disagree_is_refused_and_nothing_stored(
    client, name, content
):
    item = live_item()
    required, _optional = item.materials.all()
    form = filled_form(client, item) | {
        f"material_{required.pk}": SimpleUploadedFile(name, content)
    }
    response = client.post(f"/services/apply/{item.code}/", form)
    html = response.content.decode()
    assert response.status_code == 200 and not Application.objects.exists()
    assert "格式不被接受" in html or "扩展名与内容不符" in html


def test_the_identity_scan_is_encrypted_at_rest_and_staff_download_the_original(client):
    upload = SimpleUploadedFile("身份证.png", IDENTITY_SCAN, content_type="image/png")
    client.post("/disclosure/apply/T01/", {**DISCLOSURE, "id_document": upload})
    request = DisclosureRequest.objects.select_related("case").get()
    on_disk = open(request.id_document.path, "rb").read()
    assert on_disk.startswith(MAGIC) and b"identity-card-of-lin-shifan" not in on_disk
    assert b"PNG" not in on_disk
    officer = persona("t01_officer", "T01", Role.INFORMATION_OFFICER)
    client.login(username=officer.username, password=PASSWORD)
    download = client.get(reverse("disclosure_admin:id_document", args=[request.case.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == IDENTITY_SCAN
    assert int(download["Content-Length"]) == len(IDENTITY_SCAN)


def test_private_files_are_0600_in_0700_folders(client):
    item = live_item()
    client.post(f"/services/apply/{item.code}/", filled_form(client, item))
    stored = ApplicationMaterial.objects.first()
    path = stored.file.path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    folder = os.path.dirname(path)
    root = os.path.abspath(settings.PRIVATE_MEDIA_ROOT)
    while folder != root:
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
        folder = os.path.dirname(folder)
    assert open(path, "rb").read().startswith(MAGIC)
    assert stored.file.read() == PDF


def test_files_stored_before_encryption_are_still_read():
    storage = PrivateStorage()
    os.makedirs(os.path.join(storage.location, "legacy"), exist_ok=True)
    with open(os.path.join(storage.location, "legacy", "old.pdf"), "wb") as plain:
        plain.write(PDF)
    with storage.open("legacy/old.pdf") as opened:
        assert opened.read() == PDF


@pytest.mark.parametrize(
    "name",
    [
        "申" * 120 + ".pdf",
        "../../etc/passwd.pdf",
        "..pdf",
        "“”（）.pdf",
        "a" * 300,
        "报告.PDF",
    ],
)
def test_stored_names_are_safe_short_and_keep_the_extension(name):
    stored = safe_stored_name(name)
    assert "/" not in stored and ".." not in stored.replace("..pdf", "")
    assert 0 < len(stored.encode()) <= 82
    if name.lower().endswith(".pdf"):
        assert stored.endswith(".pdf")


def test_shortening_cuts_on_a_character_boundary():
    assert shorten_filename("申请书" * 40 + ".docx", 20) == "申请书申请.docx"
