"""The demo county builds on any date: fresh databases migrated and built with "today" moved
(time-machine) to dates in years nobody has entered a holiday schedule for.

Each build runs in its own process on its own SQLite file, as `make run` would on a new
machine; what it made is summed up there and checked here.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from opencounty.disclosure import kind as disclosure_kind
from opencounty.interaction import kinds as interaction_kinds
from opencounty.officedocs.models import Delivery
from opencounty.services import kinds as service_kinds

ROOT = Path(__file__).resolve().parents[3]

BUILD = """
import json, os, sys
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

when = datetime.fromisoformat(sys.argv[1]).replace(tzinfo=ZoneInfo("Asia/Shanghai"))
with time_machine.travel(when, tick=True):
    import django
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from opencounty.cases import clock
    from opencounty.cases.models import Case
    from opencounty.core import calendar
    from opencounty.demo import builder

    call_command("migrate", verbosity=0)
    small = dict(townships=2, departments=3, articles=30, service_items=40, report=lambda m: None)
    builder.build(**small)
    if "half-built" in sys.argv:
        # A county whose build stopped before the letters: the next build completes it.
        from opencounty.interaction.models import Letter

        Case.objects.filter(kind="letter").delete()
        assert not Letter.objects.exists() and not builder.is_complete()
        builder.build(**small)
    today = timezone.localdate()
    work_calendar = calendar.load()
    summary = {"today": today.isoformat(), "complete": builder.is_complete(), "kinds": {}}
    for case in Case.objects.prefetch_related("pauses", "extensions"):
        kind = summary["kinds"].setdefault(
            case.kind, {"states": [], "yellow": 0, "red": 0, "provisional": 0}
        )
        kind["states"] = sorted(set(kind["states"]) | {case.state})
        level = clock.warning_level(case, today, work_calendar)
        if level:
            kind[level] += 1
        kind["provisional"] += case.due_provisional
        due = clock.derive_due(case, work_calendar)
        if (due.value if due else None) != case.due_on:
            kind.setdefault("stale", []).append(case.receipt_number)
    from opencounty.officedocs import tracking
    from opencounty.officedocs.models import Delivery

    documents = {"states": [], "yellow": 0, "red": 0}
    for delivery in Delivery.objects.select_related("document"):
        documents["states"] = sorted(set(documents["states"]) | {delivery.state})
        level = tracking.level(delivery, delivery.document, today, work_calendar)
        if level:
            documents[level] += 1
    summary["officedocs"] = documents
    print("SUMMARY " + json.dumps(summary))
"""


def build_on(day: str, tmp_path: Path, *flags: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "opencounty.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "OPENCOUNTY_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", BUILD, day, *flags],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("SUMMARY "))
    return json.loads(line.removeprefix("SUMMARY "))


def states(kind) -> set[str]:
    return set(kind.states)


@pytest.mark.parametrize(
    "day, flags",
    [
        ("2026-12-20T10:00", ()),
        # Here the first build is also cut short before its letters: the next one completes it.
        ("2027-02-10T10:00", ("half-built",)),
        ("2029-07-15T10:00", ()),
    ],
)
def test_the_demo_county_builds_on_any_date(day, flags, tmp_path):
    summary = build_on(day, tmp_path, *flags)
    assert summary["today"] == day[:10]
    assert summary["complete"], "every phase left its data"
    kinds = summary["kinds"]
    disclosure = kinds[disclosure_kind.DISCLOSURE_REQUEST.code]
    letters = kinds[interaction_kinds.LETTER.code]
    applications = kinds[service_kinds.APPLICATION.code]
    # Requests, letters and applications in every state they can be left in.
    assert set(disclosure["states"]) == states(disclosure_kind.DISCLOSURE_REQUEST)
    assert set(letters["states"]) == states(interaction_kinds.LETTER)
    assert set(applications["states"]) == states(service_kinds.APPLICATION)
    for kind in (disclosure, letters, applications):
        assert kind["yellow"] >= 1 and kind["red"] >= 1, kind
        assert not kind.get("stale"), "stored due dates equal the derived ones"
    # Documents at every step of a receiving unit (signed for, 拟办, 承办, finished), returned,
    # late (red) and due today (yellow).
    documents = summary["officedocs"]
    assert set(documents["states"]) == set(Delivery.State.values)
    assert documents["yellow"] >= 1 and documents["red"] >= 1, documents
    # "Today" lies in a year the office has not entered: the open deadlines are provisional.
    assert sum(kind["provisional"] for kind in kinds.values()) >= 3
