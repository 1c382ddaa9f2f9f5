"""Time the demo county build into a fresh SQLite database.

    .venv/bin/python bench/demo_build.py            # 2,000 articles (the default demo)
    BENCH_ARTICLES=1000000 .venv/bin/python bench/demo_build.py

Uses its own database under var/bench/, never the one `make run` serves.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
articles = int(os.environ.get("BENCH_ARTICLES", "2000"))
work = ROOT / "var" / "bench" / f"demo-{articles}"
work.mkdir(parents=True, exist_ok=True)
for leftover in work.glob("opencounty.sqlite3*"):
    leftover.unlink()
os.environ["OPENCOUNTY_VAR_DIR"] = str(work)
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencounty.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from opencounty.demo import builder  # noqa: E402

started = time.perf_counter()
call_command("migrate", verbosity=0)
migrate_seconds = time.perf_counter() - started
timings = builder.build(
    articles=articles, accounts=False, report=lambda message: print("  " + message, flush=True)
)
size_mb = (work / "opencounty.sqlite3").stat().st_size / 1e6
print(f"articles={articles}")
print(f"migrate_seconds={migrate_seconds:.1f}")
for phase, seconds in timings.items():
    print(f"{phase}_seconds={seconds:.1f}")
print(f"total_build_seconds={sum(timings.values()):.1f}")
print(f"database_mb={size_mb:.0f}")
