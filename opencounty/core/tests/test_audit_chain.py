import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import staff_login
from opencounty.core import audit
from opencounty.core.models import AuditEntry


def _three_entries():
    return [audit.record(f"test.event{i}", details={"n": i}) for i in range(3)]


@pytest.mark.django_db
def test_an_untouched_chain_verifies(capsys):
    _three_entries()
    call_command("verify_audit")
    assert "哈希链无断点" in capsys.readouterr().out


@pytest.mark.django_db
def test_each_entry_carries_the_hash_of_the_previous_one():
    first, second, third = _three_entries()
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash


@pytest.mark.django_db
def test_it_refuses_to_update_or_delete_through_the_model():
    entry = audit.record("test.event")
    entry.outcome = "failure"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


@pytest.mark.django_db
def test_it_detects_a_changed_entry():
    _, middle, _ = _three_entries()
    AuditEntry.objects.filter(pk=middle.pk).update(details={"n": 99})
    problems = list(audit.verify_chain())
    assert [p.entry_id for p in problems] == [middle.pk]
    with pytest.raises(CommandError, match="审计日志校验失败"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_it_detects_a_deleted_entry_in_the_middle():
    first, middle, last = _three_entries()
    AuditEntry.objects.filter(pk=middle.pk).delete()
    problems = list(audit.verify_chain())
    assert any(p.entry_id == last.pk and "链断开" in p.message for p in problems)


@pytest.mark.django_db
def test_it_detects_a_deleted_last_entry():
    _, _, last = _three_entries()
    AuditEntry.objects.filter(pk=last.pk).delete()
    problems = list(audit.verify_chain())
    assert len(problems) == 1 and problems[0].entry_id is None


@pytest.mark.django_db
def test_a_failed_login_is_audited_with_the_source_address(client):
    staff_login(client, "nobody", "wrong", ip="10.0.0.7")
    entry = AuditEntry.objects.filter(action="auth.login_failed").first()
    assert entry is not None
    assert entry.outcome == "failure"
    assert entry.details["username"] == "nobody"
    assert entry.source_ip == "10.0.0.7"
