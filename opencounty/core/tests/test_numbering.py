import threading

import pytest
from django.db import connection

from opencounty.core.models import NumberSequence
from opencounty.core.numbering import next_number


@pytest.mark.django_db
def test_numbers_count_up_per_scope_and_year():
    assert [next_number("disclosure", 2026) for _ in range(3)] == [1, 2, 3]
    assert next_number("mailbox", 2026) == 1
    assert next_number("disclosure", 2027) == 1
    assert next_number("disclosure", 2026) == 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_takers_never_share_a_number():
    writers, each = 4, 20
    taken: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(writers)

    def take() -> None:
        try:
            barrier.wait()
            for _ in range(each):
                number = next_number("race", 2026)
                with lock:
                    taken.append(number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(taken) == list(range(1, writers * each + 1))
    assert NumberSequence.objects.get(scope="race", year=2026).last == writers * each
