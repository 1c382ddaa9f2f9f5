import threading

import pytest
from django.db import connection

from opencounty.core import audit
from opencounty.core.models import AuditEntry

WRITERS = 4
ENTRIES_EACH = 15


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    audit.record("test.start")
    errors: list[BaseException] = []
    barrier = threading.Barrier(WRITERS)

    def write(n: int) -> None:
        try:
            barrier.wait()
            for i in range(ENTRIES_EACH):
                audit.record("test.concurrent", details={"writer": n, "i": i})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEntry.objects.filter(action="test.concurrent").count() == WRITERS * ENTRIES_EACH
    assert list(audit.verify_chain()) == []
