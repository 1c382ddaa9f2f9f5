"""Supervision screens at a county's size and at a province's: latency (p50/p95, wall and the
process's CPU time) and database queries of the board, the unit assessment and a case inbox, as
the county office (every unit), with the demo's own open cases and with 100,000 more.

    .venv/bin/python bench/supervision.py

Builds the demo county (2,000 articles, every kind of case) into var/bench/supervision/ if
missing. Each scale runs in its own process. The demo's scale runs on a copy of its database in
a temporary directory; the large scale on var/bench/supervision-<N>-<today>/, a copy with the
extra open cases written by bulk_create, kept between runs (writing 100,000 cases takes minutes
on a loaded machine; the cases are due around the day they were written, so a new day builds a
new copy and removes the old ones). Both are migrated to the code being measured first.
BENCH_REQUESTS sets the timed requests per screen (default 10); BENCH_OPEN_CASES the extra open
cases of the large scale (default 100000); BENCH_EXPORTS=1 also times the Excel exports (every
row, so slow at the large scale by nature).

SQLite runs inside the process, so the CPU time includes the queries; on a machine shared with
other work it is the figure to compare, the wall time mostly says how long a core was awaited.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_supervision \
        .venv/bin/python bench/supervision.py

runs on PostgreSQL instead: the demo county in that database (media in
var/bench/supervision-pg/), the demo's scale on a copy made from it as a template and dropped
afterwards, the large scale on NAME_<N>_<today> (kept like the SQLite copy, other days'
dropped). The CPU time then adds the connection's server process (Linux /proc/PID/schedstat).
"""

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = os.environ.get("BENCH_DATABASE_URL", "")
DEMO = ROOT / "var" / "bench" / ("supervision-pg" if PG else "supervision")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10"))
EXTRA = int(os.environ.get("BENCH_OPEN_CASES", "100000"))
EXPORTS = os.environ.get("BENCH_EXPORTS") == "1"


def pg_named(suffix: str) -> str:
    """BENCH_DATABASE_URL with `suffix` added to its database name ("" for the demo's own)."""
    parts = urlsplit(PG)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}{suffix}"))


def pg_server(*statements: str) -> list:
    """Run statements on the server's `postgres` database (creating and dropping databases);
    the rows of the last."""
    import psycopg

    server = urlunsplit(urlsplit(PG)._replace(path="/postgres"))
    rows: list = []
    with psycopg.connect(server, autocommit=True) as conn:
        for statement in statements:
            cursor = conn.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
    return rows


def pg_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def pg_copy(target: str) -> None:
    """A fresh database `target` made from the demo's as a template."""
    pg_server(
        f'DROP DATABASE IF EXISTS "{target}"',
        f'CREATE DATABASE "{target}" TEMPLATE "{pg_name(PG)}"',
    )


def django_setup(var_dir: Path, database: str = "") -> None:
    os.environ["OPENCOUNTY_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    if database:
        os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencounty.settings")
    import django

    django.setup()


def build_demo() -> None:
    """The demo county in var/bench/supervision/ (kept between runs)."""
    DEMO.mkdir(parents=True, exist_ok=True)
    if PG and not pg_server(f"SELECT 1 FROM pg_database WHERE datname = '{pg_name(PG)}'"):
        pg_server(f'CREATE DATABASE "{pg_name(PG)}"')
    django_setup(DEMO, PG)
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
    # order_by(): with Case's default ordering, DISTINCT would run over (kind, submitted_at),
    # a sample query per case.
    for kind in cases.order_by().values_list("kind", flat=True).distinct():
        sample = Case.objects.filter(kind=kind).exclude(receipt_number__startswith="BENCH").first()
        samples[kind] = [
            (rel.field.attname, row)
            for rel in relations
            for row in rel.related_model.objects.filter(**{rel.field.name: sample})[:1]
        ]
    made: dict[type, list] = {}
    for case_id, kind in cases.values_list("pk", "kind"):
        for attname, row in samples[kind]:
            clone = copy.copy(row)
            clone.pk = None
            clone.id = None
            setattr(clone, attname, case_id)
            made.setdefault(type(row), []).append(clone)
    for model, rows in made.items():
        model.objects.bulk_create(rows, batch_size=5000)


def measure_scale(var_dir: Path, extra: int, database: str = "") -> None:
    """Runs in its own process: add the cases unless the copy has them, then time every
    screen."""
    django_setup(var_dir, database)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from opencounty.cases.models import Case
    from opencounty.core.models import Unit, UnitGroup

    call_command("migrate", verbosity=0)  # the copy may predate the code being measured
    import opencounty.wsgi  # noqa: F401  (as the production server starts: gc.freeze())

    marker = var_dir / "cases-added"
    if extra and not marker.exists():
        built = f"{extra:,} added by bulk_create in {add_open_cases(extra):.1f} s"
        if connection.vendor == "postgresql":
            # The copy carries the demo's statistics (77 cases) until autovacuum gets to it.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        marker.write_text(built)
    else:
        built = marker.read_text() if extra else "none added"
    office = UnitGroup.objects.filter(unit__kind=Unit.Kind.COUNTY_OFFICE).first()
    user = get_user_model().objects.filter(groups=office.group, is_active=True).first()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    month = f"{timezone.localdate():%Y-%m}"
    urls = {
        "board": "/admin/supervision/",
        "board red": "/admin/supervision/?colour=red",
        "board p.200": "/admin/supervision/?page=200",
        "assessment": f"/admin/supervision/assessment/?month={month}",
        "letter inbox": reverse("cases_admin:letter_inbox"),
    }
    if EXPORTS:
        urls |= {
            "board xlsx": "/admin/supervision/export.xlsx",
            "assess xlsx": f"/admin/supervision/assessment/export.xlsx?month={month}",
        }

    def server_seconds() -> float:
        """PostgreSQL: the CPU time of this connection's server process so far (the test
        client keeps the connection across requests); 0 on SQLite, which runs in-process."""
        if connection.vendor != "postgresql":
            return 0.0
        connection.ensure_connection()
        with open(f"/proc/{connection.connection.info.backend_pid}/schedstat") as stat:
            return int(stat.read().split()[0]) / 1e9

    def cpu_now() -> float:
        return time.process_time() + server_seconds()

    def measure(url: str) -> tuple[float, float, int]:
        connection.queries_log.clear()  # the log keeps 9,000 queries: count from empty
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), cpu_now()
            response = client.get(url)
            elapsed, cpu = time.perf_counter() - started, cpu_now() - cpu
        assert response.status_code == 200, (url, response.status_code)
        return elapsed * 1000, cpu * 1000, len(queries)

    def p95(values: list[float]) -> float:
        return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]

    open_cases = Case.objects.filter(closed_at__isnull=True).count()
    print(
        f"\n{open_cases:,} open cases ({built}), {Unit.objects.count()} units; "
        f"as {user.username}; {REQUESTS} requests a screen; {connection.vendor}"
    )
    print(
        f"{'screen':<14}{'CPU p50':>9}{'CPU p95':>9}{'wall p50':>9}{'wall p95':>9}"
        f"{'wall max':>9}{'queries':>9}   (ms)"
    )
    from opencounty.supervision import assessment, board
    from opencounty.supervision.access import supervised_units
    from opencounty.supervision.admin_views import BOARD_PAGE_ROWS

    today = timezone.localdate()

    def build_board() -> None:
        board.build(user, board.Filters(), today, limit=BOARD_PAGE_ROWS)

    def assess() -> None:
        assessment.assess(supervised_units(user), assessment.Month.parse(month, today), today)

    # The screens through Django's whole stack (session, menus, template), and the two
    # computations alone (what the screen shows, without the admin around it).
    screens = {name: url for name, url in urls.items()} | {
        "board.build()": build_board,
        "assess()": assess,
    }

    def run(screen) -> tuple[float, float, int]:
        if isinstance(screen, str):
            return measure(screen)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), cpu_now()
            screen()
            elapsed, cpu = time.perf_counter() - started, cpu_now() - cpu
        return elapsed * 1000, cpu * 1000, len(queries)

    summary = []
    for name, screen in screens.items():
        run(screen)  # warm the holiday table, templates and translations
        runs = [run(screen) for _ in range(REQUESTS)]
        wall = sorted(run[0] for run in runs)
        cpu = sorted(run[1] for run in runs)
        print(
            f"{name:<14}{statistics.median(cpu):>9.0f}{p95(cpu):>9.0f}"
            f"{statistics.median(wall):>9.0f}{p95(wall):>9.0f}{wall[-1]:>9.0f}{runs[-1][2]:>9}"
        )
        if name in ("board", "assessment", "board.build()", "assess()"):
            summary.append(
                f"{name} p50 {statistics.median(cpu):.0f} ms CPU, "
                f"{statistics.median(wall):.0f} ms wall"
            )
    goal = " (goal: <= 200 ms)" if extra else ""
    print(f"supervision at {open_cases:,} open cases: {'; '.join(summary)}{goal}")


def copy_database(target: Path) -> None:
    """A consistent copy of the demo database (its WAL included)."""
    source = sqlite3.connect(DEMO / "opencounty.sqlite3")
    copy = sqlite3.connect(target / "opencounty.sqlite3")
    source.backup(copy)
    copy.close()
    source.close()


def large_scale_copy(extra: int) -> tuple[Path, str]:
    """var/bench/supervision-<extra>-<today>/ (supervision-pg-… on PostgreSQL, with the
    database NAME_<extra>_<today>): the demo's database, to which the measuring process adds
    the cases once; copies of other days are removed."""
    from datetime import date

    day = f"{date.today():%Y%m%d}"
    target = DEMO.parent / f"{DEMO.name}-{extra}-{day}"
    database = pg_named(f"_{extra}_{day}") if PG else ""
    for old in DEMO.parent.glob(f"{DEMO.name}-{extra}-*"):
        if old != target:
            shutil.rmtree(old)
    if PG:
        prefix = f"{pg_name(PG)}_{extra}_"
        for (name,) in pg_server("SELECT datname FROM pg_database"):
            if name.startswith(prefix) and name != pg_name(database):
                pg_server(f'DROP DATABASE "{name}"')
    if not (target / "cases-added").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        if PG:
            pg_copy(pg_name(database))
        else:
            copy_database(target)
    return target, database


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--measure":
        measure_scale(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
        sys.exit(0)
    if len(sys.argv) == 2 and sys.argv[1] == "--build":
        build_demo()
        sys.exit(0)
    subprocess.run([sys.executable, __file__, "--build"], check=True)
    with tempfile.TemporaryDirectory(prefix="bench-supervision-") as scratch:
        scratch_database = ""
        if PG:
            scratch_database = pg_named("_scratch")
            pg_copy(pg_name(scratch_database))
        else:
            copy_database(Path(scratch))
        try:
            subprocess.run(
                [sys.executable, __file__, "--measure", scratch, "0", scratch_database],
                check=True,
            )
        finally:
            if PG:
                pg_server(f'DROP DATABASE IF EXISTS "{pg_name(scratch_database)}"')
    if EXTRA:
        target, database = large_scale_copy(EXTRA)
        subprocess.run(
            [sys.executable, __file__, "--measure", str(target), str(EXTRA), database], check=True
        )
