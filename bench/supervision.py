"""Supervision screens: latency and database queries of the board, the unit assessment and
their Excel exports, for the county office (every unit).

    .venv/bin/python bench/supervision.py

Builds the demo county (2,000 articles, every kind of case) into var/bench/supervision/ if
missing and requests each screen through Django's full stack as a county-office account.
BENCH_REQUESTS sets how many timed requests per screen (default 5).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
work = ROOT / "var" / "bench" / "supervision"
work.mkdir(parents=True, exist_ok=True)
os.environ["OPENCOUNTY_VAR_DIR"] = str(work)
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencounty.settings")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "5"))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from opencounty.cases.models import Case  # noqa: E402
from opencounty.core.models import Unit, UnitGroup  # noqa: E402
from opencounty.demo import builder  # noqa: E402

call_command("migrate", verbosity=0)
if not builder.is_complete():
    builder.build(articles=2000, report=lambda message: None)

office = UnitGroup.objects.filter(unit__kind=Unit.Kind.COUNTY_OFFICE).first()
user = get_user_model().objects.filter(groups=office.group, is_active=True).first()
client = Client(HTTP_HOST="localhost")
client.force_login(user)
month = f"{timezone.localdate():%Y-%m}"
urls = {
    "board": "/admin/supervision/",
    "board xlsx": "/admin/supervision/export.xlsx",
    "assessment": f"/admin/supervision/assessment/?month={month}",
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


print(
    f"{Case.objects.filter(closed_at__isnull=True).count()} open cases, "
    f"{Case.objects.count()} cases, {Unit.objects.count()} units; as {user.username}"
)
print(f"{'screen':<13}{'p50 ms':>9}{'max ms':>9}{'queries':>9}")
for name, url in urls.items():
    measure(url)  # warm the holiday table, templates and translations
    runs = [measure(url) for _ in range(REQUESTS)]
    times = [ms for ms, _ in runs]
    print(f"{name:<13}{statistics.median(times):>9.0f}{max(times):>9.0f}{runs[-1][1]:>9}")
