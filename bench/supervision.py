"""Supervision screens at a county's size and at a province's: latency (p50/p95) and database
queries of the board, the unit assessment and a case inbox, as the county office (every unit),
with the demo's own open cases and with 100,000 more.

    .venv/bin/python bench/supervision.py

Builds the demo county (2,000 articles, every kind of case) into var/bench/supervision/ if
missing. Each scale runs in its own process on a copy of that database in a temporary
directory, where the extra open cases are written with bulk_create (a few seconds), so the demo
stays as it was. BENCH_REQUESTS sets the timed requests per screen (default 10);
BENCH_OPEN_CASES the extra open cases of the large scale (default 100000); BENCH_EXPORTS=1
also times the Excel exports (every row, so slow at the large scale by nature).
"""

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEMO = ROOT / "var" / "bench" / "supervision"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10"))
EXTRA = int(os.environ.get("BENCH_OPEN_CASES", "100000"))
EXPORTS = os.environ.get("BENCH_EXPORTS") == "1"


def django_setup(var_dir: Path) -> None:
    os.environ["OPENCOUNTY_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencounty.settings")
    import django

    django.setup()


def build_demo() -> None:
    """The demo county in var/bench/supervision/ (kept between runs)."""
    DEMO.mkdir(parents=True, exist_ok=True)
    django_setup(DEMO)
    from django.core.management import call_command

    from opencounty.demo import builder

    call_command("migrate", verbosity=0)
    if not builder.is_complete():
        builder.build(articles=2000, report=lambda message: None)


def add_open_cases(count: int) -> float:
    """`count` open cases of every kind, in every unit, due from a month ago to two months
    ahead (red, yellow and uncoloured ones), some not yet registered; returns seconds taken."""
    import random
    from datetime import timedelta

    from django.db.models import Value
    from django.utils import timezone

    from opencounty.cases import kinds
    from opencounty.cases.models import Case
    from opencounty.core.crypto import encrypt
    from opencounty.core.models import Unit

    started = time.perf_counter()
    rng = random.Random(12)
    units = list(Unit.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    now = timezone.now()
    open_states = {
        kind.code: [s for s in kind.states if s not in kind.closed_states and s != "replied"]
        for kind in kinds.all_kinds()
    }
    batch = []
    for n in range(count):
        kind = rng.choice(list(open_states))
        state = rng.choice(open_states[kind])
        waiting = state == kinds.get(kind).initial_state
        due = today + timedelta(days=rng.randint(-30, 60))
        batch.append(
            Case(
                kind=kind,
                receipt_number=f"BENCH{n:09d}",
                query_code_hash="bench",
                title=f"压力测试办件 {n}",
                submitter_name="测试",
                unit_id=rng.choice(units),
                state=state,
                submitted_at=now - timedelta(days=rng.randint(0, 60), minutes=n % 1440),
                clock_started_on=None if waiting else due - timedelta(days=28),
                time_limit=20,
                due_on=None if waiting else due,
            )
        )
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)
    added = Case.objects.filter(receipt_number__startswith="BENCH")
    # Encrypted like a citizen's own, written as stored (a Value skips the field's own
    # encryption): one ciphertext for all, as encrypting 200,000 values one by one would only
    # slow the set-up; reading still decrypts row by row.
    added.update(
        submitter_id_number=Value(encrypt("110101199001011234")),
        submitter_phone=Value(encrypt("13800000000")),
    )
    _add_domain_rows(added)
    return time.perf_counter() - started


def _add_domain_rows(cases) -> None:
    """Each new case gets its domain's own row (the letter, the request...), copied from a demo
    case of the same kind, so that every screen reads them as it reads real ones."""
    import copy

    from opencounty.cases.models import Case

    relations = [rel for rel in Case._meta.related_objects if rel.one_to_one]
    samples: dict[str, list] = {}
    for kind in cases.values_list("kind", flat=True).distinct():
        sample = Case.objects.filter(kind=kind).exclude(receipt_number__startswith="BENCH").first()
        samples[kind] = [
            row
            for rel in relations
            for row in rel.related_model.objects.filter(**{rel.field.name: sample})[:1]
        ]
    made: dict[type, list] = {}
    for case_id, kind in cases.values_list("pk", "kind"):
        for row in samples[kind]:
            clone = copy.copy(row)
            clone.pk = None
            clone.id = None
            setattr(clone, row._meta.get_field("case").attname, case_id)
            made.setdefault(type(row), []).append(clone)
    for model, rows in made.items():
        model.objects.bulk_create(rows, batch_size=5000)


def measure_scale(var_dir: Path, extra: int) -> None:
    """Runs in its own process: add the cases, then time every screen."""
    django_setup(var_dir)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from opencounty.cases.models import Case
    from opencounty.core.models import Unit, UnitGroup

    built = add_open_cases(extra) if extra else 0.0
    office = UnitGroup.objects.filter(unit__kind=Unit.Kind.COUNTY_OFFICE).first()
    user = get_user_model().objects.filter(groups=office.group, is_active=True).first()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    month = f"{timezone.localdate():%Y-%m}"
    urls = {
        "board": "/admin/supervision/",
        "board red": "/admin/supervision/?colour=red",
        "assessment": f"/admin/supervision/assessment/?month={month}",
        "letter inbox": reverse("cases_admin:letter_inbox"),
    }
    if EXPORTS:
        urls |= {
            "board xlsx": "/admin/supervision/export.xlsx",
            "assess xlsx": f"/admin/supervision/assessment/export.xlsx?month={month}",
        }

    def measure(url: str) -> tuple[float, int]:
        connection.queries_log.clear()  # the log keeps 9,000 queries: count from empty
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        return elapsed * 1000, len(queries)

    open_cases = Case.objects.filter(closed_at__isnull=True).count()
    print(
        f"\n{open_cases:,} open cases ({extra:,} added by bulk_create in {built:.1f} s), "
        f"{Unit.objects.count()} units; as {user.username}; {REQUESTS} requests a screen"
    )
    print(f"{'screen':<14}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'queries':>9}")
    for name, url in urls.items():
        measure(url)  # warm the holiday table, templates and translations
        runs = [measure(url) for _ in range(REQUESTS)]
        times = sorted(ms for ms, _ in runs)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(
            f"{name:<14}{statistics.median(times):>9.0f}{p95:>9.0f}{times[-1]:>9.0f}"
            f"{runs[-1][1]:>9}"
        )


def copy_database(target: Path) -> None:
    """A consistent copy of the demo database (its WAL included)."""
    source = sqlite3.connect(DEMO / "opencounty.sqlite3")
    copy = sqlite3.connect(target / "opencounty.sqlite3")
    source.backup(copy)
    copy.close()
    source.close()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measure_scale(Path(sys.argv[2]), int(sys.argv[3]))
        sys.exit(0)
    if len(sys.argv) == 2 and sys.argv[1] == "--build":
        build_demo()
        sys.exit(0)
    subprocess.run([sys.executable, __file__, "--build"], check=True)
    for extra in (0, EXTRA):
        with tempfile.TemporaryDirectory(prefix="bench-supervision-") as scratch:
            copy_database(Path(scratch))
            subprocess.run([sys.executable, __file__, "--measure", scratch, str(extra)], check=True)
