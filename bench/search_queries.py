"""Search latency: site search and the service hall's item search, over 30 everyday queries.

    .venv/bin/python bench/search_queries.py

Builds the demo (2,000 articles) into var/bench/search/ if missing (delete the folder to
build again after the index changes) and serves each query through Django's full stack,
retiring the anonymous page cache (docs/decisions/0002) before every request so that every
figure is a real search; what else the cache holds (the site tree, the synonym table) stays
warm, as it does in production.
Prints p50/p95 per kind of query, wall clock and CPU time of this process (SQLite runs
in-process, so CPU time is the search's own work and moves less when other programs share
the machine), and the number of results; never an assertion.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
work = ROOT / "var" / "bench" / "search"
work.mkdir(parents=True, exist_ok=True)
os.environ["OPENCOUNTY_VAR_DIR"] = str(work)
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencounty.settings")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from opencounty.demo import builder  # noqa: E402
from opencounty.portal.cache import invalidate_pages  # noqa: E402

call_command("migrate", verbosity=0)
if not builder.is_built():
    builder.build(articles=2000, accounts=False, report=lambda message: None)

QUERIES = {
    # everyday abbreviations (the synonym table's job)
    "abbreviation": ["医保", "社保", "低保", "公积金", "身份证", "户口", "一件事", "五保", "残联"],
    # words the documents use as they are
    "plain": [
        "政府",
        "乡村振兴",
        "安全生产",
        "防汛抗旱",
        "义务教育",
        "食品经营许可",
        "结婚登记",
        "营业执照",
        "养老服务",
    ],
    # several words, as people type them
    "phrase": ["医保报销", "低保资金发放", "公积金提取", "城乡居民医疗保险", "老旧小区改造通知"],
    # nothing to find
    "nothing": [
        "量子计算机",
        "火星移民",
        "xyz123",
        "区块链发币",
        "元宇宙",
        "彩票中奖",
        "无人机表演",
    ],
}
ALL = [q for group in QUERIES.values() for q in group]
assert len(ALL) == 30, len(ALL)

client = Client(HTTP_HOST="localhost")
hall = "/services/search/?q="


def measure(url: str) -> tuple[float, float, int, str]:
    invalidate_pages()
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert response.status_code == 200, (url, response.status_code)
    return elapsed * 1000, cpu * 1000, len(queries), response.content.decode()


def site_count(html: str) -> str:
    marker = html.find("找到 ")
    return html[marker + 3 : html.find(" ", marker + 3)] if marker >= 0 else "?"


def hall_count(html: str) -> str:
    marker = html.find("共找到 ")
    return html[marker + 4 : html.find(" ", marker + 4)] if marker >= 0 else "?"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(len(ordered) * share)) - 1)]


for query in ALL:  # warm the process (imports, templates, the segmenter's dictionary)
    measure("/search/?q=" + quote(query))
    measure(hall + quote(query))

print(
    f"{'search':<8}{'queries':<14}{'p50 ms':>9}{'p95 ms':>9}{'cpu p50':>9}{'cpu p95':>9}"
    f"{'db queries':>12}"
)
figures: dict[tuple[str, str], list[tuple[float, float]]] = {}
counts: dict[tuple[str, str], str] = {}
for where, prefix, count in (("site", "/search/?q=", site_count), ("hall", hall, hall_count)):
    for kind, group in QUERIES.items():
        times, db = [], []
        for _ in range(ROUNDS):
            for query in group:
                ms, cpu, n, html = measure(prefix + quote(query))
                times.append((ms, cpu))
                db.append(n)
                counts.setdefault((query, where), count(html))
        figures[(where, kind)] = times
        wall, cpu = [t for t, _c in times], [c for _t, c in times]
        print(
            f"{where:<8}{kind:<14}{statistics.median(wall):>9.1f}{percentile(wall, 0.95):>9.1f}"
            f"{statistics.median(cpu):>9.1f}{percentile(cpu, 0.95):>9.1f}{max(db):>12}"
        )
    every = [t for (w, _k), ts in figures.items() if w == where for t in ts]
    wall, cpu = [t for t, _c in every], [c for _t, c in every]
    print(
        f"{where:<8}{'all 30':<14}{statistics.median(wall):>9.1f}{percentile(wall, 0.95):>9.1f}"
        f"{statistics.median(cpu):>9.1f}{percentile(cpu, 0.95):>9.1f}"
    )

print()
print(f"{'query':<12}{'site results':>14}{'hall results':>14}")
for query in ALL:
    print(f"{query:<12}{counts[(query, 'site')]:>14}{counts[(query, 'hall')]:>14}")
