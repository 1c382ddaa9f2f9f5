"""Two units book the same room for overlapping times at the same moment: exactly one booking is
stored, the other is refused with the clash. The overlap check is held open for half a second
(a real delay, the real check) so that, without the rooms' row lock, both would pass it."""

import threading
import time

import pytest
from django.db import connection

from conftest import build_small_county, persona
from opencounty.core.models import Role, Unit
from opencounty.meetings import actions
from opencounty.meetings.models import Conference, Room
from opencounty.meetings.tests.conftest import BEFORE, booking


@pytest.mark.django_db(transaction=True)
def test_only_one_of_two_simultaneous_overlapping_bookings_is_stored(monkeypatch):
    # A transactional test before this one may have emptied every table: build the county.
    build_small_county()
    office = persona("race_office", "001", Role.HEADLINE_REVIEWER)
    first = persona("race_cg", "T01", Role.INFORMATION_OFFICER)
    second = persona("race_qs", "T02", Role.INFORMATION_OFFICER)
    room = actions.save_room(
        None, office, {"name": "县视频会议中心", "kind": Room.Kind.CENTRE, "active": True}
    )
    real_clashes = actions.clashes

    def slow_clashes(*args, **kwargs):
        found = real_clashes(*args, **kwargs)
        time.sleep(0.5)  # the other booking arrives now
        return found

    monkeypatch.setattr(actions, "clashes", slow_clashes)
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def book(user, code, begin, end):
        try:
            start.wait()
            actions.apply(
                Unit.objects.get(code=code),
                user,
                booking(begin, end, [room], title=f"{code}的会"),
                at=BEFORE,
            )
            outcomes[code] = "stored"
        except actions.BookingClash:
            outcomes[code] = "clash"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=book, args=(first, "T01", "2030-03-05 09:00", "2030-03-05 10:00")),
        threading.Thread(target=book, args=(second, "T02", "2030-03-05 09:30", "2030-03-05 11:00")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["clash", "stored"], outcomes
    assert Conference.objects.count() == 1
