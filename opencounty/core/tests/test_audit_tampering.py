"""The eight ways an attacker with write access to the database (but not to the audit key or
the checkpoint host) tampers with the audit log, each done with plain SQL, each caught."""

import hashlib
import hmac
import json
import socket

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from opencounty.core import audit, audit_anchor
from opencounty.core.models import AuditEntry


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def rewind_head_to_newest_entry() -> None:
    """What a careful attacker does after deleting: make the head row agree again."""
    newest = AuditEntry.objects.order_by("-id").first()
    sql(
        "UPDATE core_auditchainhead SET last_hash = %s, count = %s WHERE id = 1",
        [newest.hash if newest else "", AuditEntry.objects.count()],
    )


def problems(**kwargs) -> list[str]:
    return [problem.message for problem in audit.verify_chain(**kwargs)]


def passes_without_the_checkpoints(tmp_path) -> bool:
    """Would the chain alone (the database's own head row) have noticed?"""
    return not any(
        p.entry_id is not None or "记录条数" in p.message
        for p in audit.verify_chain(checkpoint_files=())
        if "检查点" not in p.message
    )


@pytest.fixture
def history(db):
    """A day of events, the nightly checkpoint, then some more events."""
    for i in range(5):
        audit.record("test.before_checkpoint", details={"n": i})
    anchored = audit.checkpoint()
    later = [audit.record("test.after_checkpoint", details={"n": i}) for i in range(3)]
    assert problems() == []
    return anchored, later


def test_an_untouched_log_verifies_against_its_checkpoints(history, capsys):
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "哈希链无断点" in out and "与 1 个检查点相符" in out and "开发密钥" in out


def test_1_truncating_the_tail_is_caught(history):
    anchored, later = history
    sql("DELETE FROM core_auditentry WHERE id > %s", [anchored.entry_id - 2])
    found = problems()
    assert any(f"时日志已有 {anchored.count} 条" in m for m in found)
    with pytest.raises(CommandError, match="审计日志校验失败"):
        call_command("verify_audit")


def test_2_rewinding_the_head_after_deleting_the_tail_is_caught(history, tmp_path):
    anchored, later = history
    sql("DELETE FROM core_auditentry WHERE id > %s", [anchored.entry_id - 2])
    rewind_head_to_newest_entry()
    # The database alone is consistent again: only the anchor outside it notices.
    assert passes_without_the_checkpoints(tmp_path)
    found = problems()
    assert found and all("检查点" in m for m in found)
    assert any("末尾记录被删除或日志被清空" in m for m in found)


def test_3_recomputing_the_chain_without_the_key_is_caught(history):
    anchored, later = history
    victim = AuditEntry.objects.filter(action="test.before_checkpoint").order_by("id").first()
    AuditEntry.objects.filter(pk=victim.pk).update(details={"n": 99})  # an UPDATE, no save()
    # The attacker re-signs every entry from the edited one on, as the old unkeyed chain
    # allowed, with SHA-256 and with a key of their own guessing.
    for guess in (None, b"guessed-key"):
        previous = AuditEntry.objects.filter(id__lt=victim.pk).order_by("-id").first().hash
        for entry in AuditEntry.objects.filter(id__gte=victim.pk).order_by("id"):
            entry.prev_hash = previous
            entry.hash = entry.legacy_hash() if guess is None else entry.compute_hash(guess)
            sql(
                "UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE id = %s",
                [entry.prev_hash, entry.hash, entry.pk],
            )
            previous = entry.hash
        rewind_head_to_newest_entry()
        found = list(audit.verify_chain())
        flagged = {p.entry_id for p in found if "摘要不符" in p.message}
        assert set(AuditEntry.objects.filter(id__gte=victim.pk).values_list("id", flat=True)) <= (
            flagged
        )


def test_4_emptying_the_log_is_caught(history):
    anchored, _ = history
    sql("DELETE FROM core_auditentry")
    sql("UPDATE core_auditchainhead SET last_hash = '', count = 0 WHERE id = 1")
    found = problems()
    assert any(f"时日志已有 {anchored.count} 条，现在只有 0 条" in m for m in found)
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_5_editing_an_entry_is_caught(history):
    anchored, later = history
    sql(
        "UPDATE core_auditentry SET outcome = 'failure', actor_name = 'nobody' WHERE id = %s",
        [later[1].pk],
    )
    found = list(audit.verify_chain())
    assert [(p.entry_id, "摘要不符" in p.message) for p in found] == [(later[1].pk, True)]


def test_6_deleting_an_entry_in_the_middle_is_caught(history):
    anchored, later = history
    middle = AuditEntry.objects.filter(action="test.before_checkpoint").order_by("id")[2]
    sql("DELETE FROM core_auditentry WHERE id = %s", [middle.pk])
    rewind_head_to_newest_entry()
    found = list(audit.verify_chain())
    assert any("链断开" in p.message and p.entry_id > middle.pk for p in found)
    # The checkpoint's head now sits one place earlier than it was anchored.
    assert any("已不是当时那一条" in p.message for p in found)


def test_7_inserting_a_forged_entry_is_caught(history):
    anchored, later = history
    newest = AuditEntry.objects.order_by("-id").first()
    forged = AuditEntry(
        at=newest.at,
        actor_name="cg_reviewer",
        action="page.publish",
        outcome="success",
        details={"revision": 1},
        prev_hash=newest.hash,
    )
    forged.hash = forged.legacy_hash()
    AuditEntry.objects.bulk_create([forged])  # a plain INSERT: the model's save() is bypassed
    rewind_head_to_newest_entry()
    found = list(audit.verify_chain())
    forged_id = AuditEntry.objects.order_by("-id").first().pk
    assert [(p.entry_id, "摘要不符" in p.message) for p in found] == [(forged_id, True)]


def test_8_tampering_with_the_checkpoint_file_is_caught(history):
    anchored, later = history
    second = audit.checkpoint()
    path = audit_anchor.checkpoint_path()
    lines = path.read_text().splitlines()
    assert len(lines) == 2

    # Lowering the anchored count so a later truncation would look fine: the signature fails.
    edited = json.loads(lines[1])
    edited["count"] = anchored.count
    path.write_text(lines[0] + "\n" + json.dumps(edited) + "\n")
    assert any("签名不符" in m for m in problems())

    # Dropping the first checkpoint: the numbering and the link to it show the gap.
    path.write_text(lines[1] + "\n")
    assert any("前面的被删除" in m for m in problems())

    # Deleting the whole file: the chain itself remembers both checkpoints.
    path.unlink()
    found = problems()
    assert any("第 1 号检查点，检查点文件中却没有" in m for m in found)
    assert any(f"第 {second.seq} 号检查点，检查点文件中却没有" in m for m in found)


def test_the_syslog_copy_catches_truncation_when_the_file_is_gone_too(db, settings):
    """The attacker also owns the checkpoint file; the syslog host keeps its copy."""
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    settings.AUDIT_SYSLOG_ADDRESS = f"127.0.0.1:{receiver.getsockname()[1]}"
    audit.record("test.event")
    anchored = audit.checkpoint()
    datagram = receiver.recv(65536).decode("utf-8")
    receiver.close()
    assert audit_anchor.SYSLOG_PREFIX in datagram and f'"seq": {anchored.seq}' in datagram

    checkpoint_entry = AuditEntry.objects.get(action=audit.CHECKPOINT_ACTION)
    sql("DELETE FROM core_auditentry WHERE id >= %s", [checkpoint_entry.pk - 1])
    rewind_head_to_newest_entry()
    audit_anchor.checkpoint_path().unlink()
    assert problems() == []  # nothing left on this machine to tell

    copy = settings.AUDIT_CHECKPOINT_DIR.parent / "syslog-copy.log"
    copy.write_text("Nov 29 10:00:00 www " + datagram + "\n")
    with pytest.raises(CommandError, match="审计日志校验失败"):
        call_command("verify_audit", checkpoints=[copy])


def test_a_broken_chain_is_never_anchored(history):
    anchored, later = history
    sql("UPDATE core_auditentry SET outcome = 'failure' WHERE id = %s", [later[0].pk])
    with pytest.raises(CommandError, match="未写检查点"):
        call_command("audit_checkpoint")
    assert len(audit_anchor.checkpoint_path().read_text().splitlines()) == 1


def test_the_checkpoint_file_is_private(history):
    path = audit_anchor.checkpoint_path()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def _make_legacy() -> None:
    """Turn the test database's chain into what earlier versions wrote: unkeyed SHA-256."""
    previous = ""
    for entry in AuditEntry.objects.order_by("id"):
        entry.prev_hash = previous
        entry.hash = entry.legacy_hash()
        sql(
            "UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE id = %s",
            [entry.prev_hash, entry.hash, entry.pk],
        )
        previous = entry.hash
    rewind_head_to_newest_entry()


@pytest.mark.django_db
def test_the_upgrade_re_signs_an_intact_unkeyed_chain(capsys):
    audit.record("test.old_event")
    _make_legacy()
    assert problems()  # the old chain is not signed with the key
    call_command("audit_rekey")
    assert problems() == []
    assert AuditEntry.objects.filter(action="audit.rekey").exists()
    assert len(audit_anchor.checkpoint_path().read_text().splitlines()) == 1
    call_command("verify_audit")
    assert "与 1 个检查点相符" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_upgrade_refuses_an_unkeyed_chain_that_was_tampered_with():
    entry = audit.record("test.old_event")
    _make_legacy()
    sql("UPDATE core_auditentry SET outcome = 'failure' WHERE id = %s", [entry.pk])
    before = list(AuditEntry.objects.order_by("id").values_list("hash", flat=True))
    with pytest.raises(CommandError, match="未重新签名"):
        call_command("audit_rekey")
    assert list(AuditEntry.objects.order_by("id").values_list("hash", flat=True)) == before


@pytest.mark.django_db
def test_rotating_the_key(settings, tmp_path):
    audit.record("test.event")
    audit.checkpoint()
    old_key_file = tmp_path / "old.key"
    old_key_file.write_text(settings.AUDIT_HMAC_KEY)
    settings.AUDIT_HMAC_KEY = "n" * 64
    assert problems()  # signed with the old key
    call_command("audit_rekey", old_key_file=old_key_file)
    assert problems() == []
    retired = list(audit_anchor.checkpoint_path().parent.glob("*.before-rekey"))
    assert len(retired) == 1
    newest = AuditEntry.objects.order_by("-id").first()
    assert newest.hash == hmac.new(b"n" * 64, newest.chain_payload(), hashlib.sha256).hexdigest()
