"""Private files stored before encryption are encrypted in place by `seal_private_files`, and
every file can be encrypted again under a new key (issue 11: old ID scans stayed readable)."""

import os
import stat

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.management import call_command

from opencounty.core import storage
from opencounty.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_old_plain_files_are_sealed_in_place_and_still_read(settings, capsys):
    root = settings.PRIVATE_MEDIA_ROOT
    old = root / "disclosure" / "2024" / "身份证.jpg"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"\xff\xd8 an ID scan from before encryption")
    os.chmod(old, 0o644)
    new_name = storage.PrivateStorage().save("letters/附件.pdf", ContentFile(b"%PDF new"))
    call_command("seal_private_files")
    assert "加密 1 个未加密的文件" in capsys.readouterr().out
    stored = old.read_bytes()
    assert stored.startswith(storage.MAGIC) and b"ID scan" not in stored
    assert stat.S_IMODE(os.stat(old).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(old.parent).st_mode) == 0o700
    with storage.PrivateStorage().open("disclosure/2024/身份证.jpg") as opened:
        assert opened.read() == b"\xff\xd8 an ID scan from before encryption"
    # Running again changes nothing; the file saved encrypted was never touched.
    assert storage.seal_existing_files() == (0, 0, 2)
    with storage.PrivateStorage().open(new_name) as opened:
        assert opened.read() == b"%PDF new"
    assert AuditEntry.objects.filter(action="files.sealed").count() == 1


def test_rotation_moves_every_file_to_the_first_key(settings):
    name = storage.PrivateStorage().save("x/证明.pdf", ContentFile(b"%PDF proof"))
    old_keys = list(settings.FIELD_ENCRYPTION_KEYS)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *old_keys]
    assert storage.seal_existing_files(rotate=True) == (0, 1, 1)
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]  # the old key retired
    with storage.PrivateStorage().open(name) as opened:
        assert opened.read() == b"%PDF proof"
