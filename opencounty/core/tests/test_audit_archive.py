"""Old audit entries leave the database for signed archive files (the table stops growing),
and neither the archive nor the chain left behind can be tampered with unnoticed."""

import json
import os
import stat
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from opencounty.core import audit, audit_archive
from opencounty.core.models import AuditChainHead, AuditEntry

pytestmark = pytest.mark.django_db


def problems() -> list[str]:
    return [problem.message for problem in audit.verify_chain()]


@pytest.fixture
def old_and_new(settings, tmp_path):
    """A year and a half ago: events and that night's checkpoint; today: more of both."""
    settings.AUDIT_ARCHIVE_DIR = tmp_path / "archive"
    long_ago = timezone.now() - timedelta(days=550)
    with time_machine.travel(long_ago, tick=False):
        old = [audit.record("test.old", details={"n": i}) for i in range(4)]
        boundary = audit.checkpoint()
    new = [audit.record("test.new", details={"n": i}) for i in range(3)]
    audit.checkpoint()
    assert problems() == []
    return old, boundary, new


def test_entries_older_than_the_retention_move_to_a_signed_file(old_and_new, capsys):
    old, boundary, new = old_and_new
    before = AuditEntry.objects.count()
    call_command("audit_archive")
    assert "已归档" in capsys.readouterr().out
    (path,) = list(audit_archive.settings.AUDIT_ARCHIVE_DIR.iterdir())
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    # Everything up to the old checkpoint left the table; the newer entries stayed.
    assert not AuditEntry.objects.filter(pk__in=[e.pk for e in old]).exists()
    assert AuditEntry.objects.filter(pk__in=[e.pk for e in new]).count() == 3
    moved = before - AuditEntry.objects.exclude(action="audit.archive").count()
    assert moved == boundary.count
    assert AuditChainHead.objects.get(pk=1).archived_count == boundary.count
    # The chain left behind verifies from the boundary, and so does the file on its own.
    assert problems() == []
    call_command("verify_audit")
    assert audit_archive.verify_file(path) == []
    call_command("audit_archive", "--verify", str(path))
    # Nothing more to archive until another checkpoint is old enough.
    with pytest.raises(audit_archive.NothingToArchive):
        audit_archive.archive()


def test_deleting_old_entries_and_moving_the_boundary_by_hand_is_caught(old_and_new):
    """An attacker with SQL access imitates an archive: the chain would link up, but no
    signed checkpoint and no keyed audit.archive entry vouch for the boundary they chose."""
    old, _boundary, new = old_and_new
    victim = old[2]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id <= %s", [victim.pk])
        cursor.execute(
            "UPDATE core_auditchainhead SET archived_count = "
            "(SELECT count FROM core_auditchainhead WHERE id = 1) - "
            "(SELECT COUNT(*) FROM core_auditentry), archived_last_hash = %s WHERE id = 1",
            [victim.hash],
        )
    found = problems()
    assert any("没有签名检查点和归档记录证明" in message for message in found), found


def test_an_edited_archive_file_is_caught(old_and_new):
    done = audit_archive.archive()
    lines = done.path.read_text(encoding="utf-8").splitlines()
    item = json.loads(lines[1])
    payload = json.loads(item["payload"])
    payload["actor_name"] = "someone_else"
    item["payload"] = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    lines[1] = json.dumps(item, ensure_ascii=False, sort_keys=True)
    done.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = audit_archive.verify_file(done.path)
    assert any("摘要不符" in message for message in found)
    assert any("校验和不符" in message for message in found)


def test_nothing_is_archived_inside_the_retention_period(settings, tmp_path):
    settings.AUDIT_ARCHIVE_DIR = tmp_path / "archive"
    audit.record("test.recent")
    audit.checkpoint()
    with pytest.raises(audit_archive.NothingToArchive):
        audit_archive.archive()
    assert not (tmp_path / "archive").exists()
