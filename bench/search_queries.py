"""Search latency: site search and the service hall's item search, over 30 everyday queries,
at 2,000 and 100,000 articles.

    .venv/bin/python bench/search_queries.py
    BENCH_ARTICLES=2000 .venv/bin/python bench/search_queries.py          # one size
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        BENCH_ARTICLES=2000,100000,1000000 .venv/bin/python bench/search_queries.py
    BENCH_BUILD_ONLY=1 BENCH_ARTICLES=1000000 ...   # build the databases, measure nothing
    BENCH_ENGINES=postgresql ...   # PostgreSQL only (default: SQLite, and PostgreSQL when given)

Each size gets a database of its own, kept for the next run (delete var/bench/search-N/, or
drop the PostgreSQL database NAME_N, to build it again after the index changes): the demo
county with 2,000 articles, then the articles beyond 2,000 inserted and indexed in bulk
(the demo's bulk article insert, then `opencounty.search.index.index_pages`; Wagtail's own
index, which only the admin's search uses, is not built for them). On SQLite always; on
PostgreSQL too when BENCH_DATABASE_URL is given (one database per size, NAME_N, created on
the same server).

Each query is served through Django's full stack, retiring the anonymous page cache
(docs/decisions/0002) before every request so that every figure is a real search; what else
the cache holds (the site tree, the synonym table) stays warm, as it does in production.
Prints p50/p95 per kind of query, wall clock and CPU time of this process (SQLite runs
in-process, so CPU time is the search's own work and moves less when other programs share
the machine; on PostgreSQL the CPU time of the connection's server process is added, read
from Linux's /proc/PID/schedstat), the most database queries one request made, and the number of results;
never an assertion.
"""

import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BASE_ARTICLES = 2000
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))

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
# The most common words of the demo's text, with the filters of the search form, and a
# page deep in the results.
FILTERED = ["工作", "群众", "责任", "政府"]


def pg_url(base: str, articles: int) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{articles}"))


def ensure_pg_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def orchestrate() -> None:
    sizes = [int(n) for n in os.environ.get("BENCH_ARTICLES", "2000,100000").split(",") if n]
    engines = ["sqlite"] + (["postgresql"] if os.environ.get("BENCH_DATABASE_URL") else [])
    if os.environ.get("BENCH_ENGINES"):
        engines = [name for name in os.environ["BENCH_ENGINES"].split(",") if name]
        unknown = set(engines) - {"sqlite", "postgresql"}
        if unknown or ("postgresql" in engines and not os.environ.get("BENCH_DATABASE_URL")):
            sys.exit(
                f"BENCH_ENGINES: sqlite and/or postgresql (with BENCH_DATABASE_URL): {engines}"
            )
    for engine in engines:
        for articles in sizes:
            print(f"-- {engine}, {articles:,} articles", flush=True)
            subprocess.run(
                [sys.executable, __file__, "--one", engine, str(articles)], check=True, cwd=ROOT
            )


def one(engine: str, articles: int) -> None:
    work = ROOT / "var" / "bench" / (f"search-{articles}" + ("-pg" if engine != "sqlite" else ""))
    base = ROOT / "var" / "bench" / f"search-{BASE_ARTICLES}"
    if engine == "sqlite" and articles > BASE_ARTICLES and not work.exists():
        if (base / "opencounty.sqlite3").exists():  # start from the 2,000-article county
            import shutil
            import sqlite3

            work.mkdir(parents=True)
            shutil.copytree(base / "media", work / "media")
            with sqlite3.connect(base / "opencounty.sqlite3") as source:
                with sqlite3.connect(work / "opencounty.sqlite3") as target:
                    source.backup(target)
    work.mkdir(parents=True, exist_ok=True)
    os.environ["OPENCOUNTY_VAR_DIR"] = str(work)
    os.environ.pop("DATABASE_URL", None)
    if engine == "postgresql":
        url = pg_url(os.environ["BENCH_DATABASE_URL"], articles)
        ensure_pg_database(url)
        os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencounty.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    build(articles)
    if os.environ.get("BENCH_BUILD_ONLY") != "1":
        measure_all()


def build(articles: int) -> None:
    import random

    from django.core.management import call_command
    from django.db import connection, transaction

    from opencounty.demo import builder
    from opencounty.portal.models import ArticlePage
    from opencounty.search.index import index_pages

    call_command("migrate", verbosity=0)
    if not builder.is_built():
        started = time.perf_counter()
        builder.build(articles=BASE_ARTICLES, accounts=False, report=lambda message: None)
        print(f"built the demo county: {time.perf_counter() - started:.0f} s", flush=True)
    missing = articles - ArticlePage.objects.count()
    if missing <= 0:
        return
    # The demo's own bulk insert (private to the builder, used here on purpose), then site
    # search's bulk index; in slices, so that a run cut short keeps what it made.
    from opencounty.core.models import Unit

    units = {unit.code: unit for unit in Unit.objects.all()}
    rng = random.Random(articles)
    inserting = indexing = 0.0
    while missing > 0:
        step = min(missing, 50000)
        with transaction.atomic():
            started = time.perf_counter()
            ids = builder._articles(step, units, rng, report=lambda message: None)
            inserting += time.perf_counter() - started
            started = time.perf_counter()
            index_pages(ids)
            indexing += time.perf_counter() - started
        missing -= step
        print(f"  {ArticlePage.objects.count():,} articles", flush=True)
    if connection.vendor == "postgresql":  # as autovacuum would: the planner's statistics
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE oc_search_searchentry")
    print(
        f"bulk insert {inserting:.0f} s, bulk search index {indexing:.0f} s "
        f"({(articles - BASE_ARTICLES) / max(indexing, 1e-9):,.0f} articles/s)",
        flush=True,
    )


def measure_all() -> None:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from opencounty.core.models import Unit
    from opencounty.portal.cache import invalidate_pages

    client = Client(HTTP_HOST="localhost")

    def server_cpu(since: tuple | None = None):
        """PostgreSQL: the CPU time of this connection's server process (Linux schedstat, in
        ns), so that "cpu" counts the database's work too. Called without an argument, a mark;
        with a mark, the seconds spent since (0 on SQLite or when the connection changed)."""
        pid = now = None
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            pid = connection.connection.info.backend_pid
            try:
                with open(f"/proc/{pid}/schedstat") as stat:
                    now = int(stat.read().split()[0])
            except OSError:
                pass
        if since is None:
            return (pid, now)
        if now is None or since[1] is None or since[0] != pid:
            return 0.0
        return (now - since[1]) / 1e9

    hall = "/services/search/?q="

    def measure(url: str) -> tuple[float, float, int, str]:
        invalidate_pages()
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started, cpu, server = time.perf_counter(), time.process_time(), server_cpu()
            response = client.get(url)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            cpu += server_cpu(server)
        assert response.status_code == 200, (url, response.status_code)
        return elapsed * 1000, cpu * 1000, len(queries), response.content.decode()

    def site_count(html: str) -> str:
        marker = html.find("找到 ")
        if marker >= 0:
            return html[marker + 3 : html.find(" ", marker + 3)]
        marker = html.find("找到约 ")  # an estimate (PostgreSQL, docs/decisions/0026)
        return "~" + html[marker + 4 : html.find(" ", marker + 4)] if marker >= 0 else "?"

    def hall_count(html: str) -> str:
        marker = html.find("共找到 ")
        return html[marker + 4 : html.find(" ", marker + 4)] if marker >= 0 else "?"

    def percentile(values: list[float], share: float) -> float:
        ordered = sorted(values)
        return ordered[max(0, int(round(len(ordered) * share)) - 1)]

    def line(where: str, kind: str, times: list[tuple[float, float]], db: list[int]) -> None:
        wall, cpu = [t for t, _c in times], [c for _t, c in times]
        print(
            f"{where:<8}{kind:<14}{statistics.median(wall):>9.1f}{percentile(wall, 0.95):>9.1f}"
            f"{statistics.median(cpu):>9.1f}{percentile(cpu, 0.95):>9.1f}"
            f"{max(db) if db else '':>12}",
            flush=True,
        )

    township = Unit.objects.filter(kind=Unit.Kind.TOWNSHIP, root_page__isnull=False).first()
    filtered = {
        "common+unit": [f"/search/?q={quote(word)}&unit={township.code}" for word in FILTERED],
        "common+dates": [
            f"/search/?q={quote(word)}&date_from=2026-01-01&date_to=2026-06-30" for word in FILTERED
        ],
        "common p.20": [f"/search/?q={quote(word)}&page=20" for word in FILTERED],
    }

    for query in ALL:  # warm the process (imports, templates, the segmenter's dictionary)
        measure("/search/?q=" + quote(query))
        measure(hall + quote(query))

    print(
        f"{'search':<8}{'queries':<14}{'p50 ms':>9}{'p95 ms':>9}{'cpu p50':>9}{'cpu p95':>9}"
        f"{'db queries':>12}"
    )
    counts: dict[tuple[str, str], str] = {}
    for where, prefix, count in (("site", "/search/?q=", site_count), ("hall", hall, hall_count)):
        every, every_db = [], []
        for kind, group in QUERIES.items():
            times, db = [], []
            for _ in range(ROUNDS):
                for query in group:
                    ms, cpu, n, html = measure(prefix + quote(query))
                    times.append((ms, cpu))
                    db.append(n)
                    counts.setdefault((query, where), count(html))
            line(where, kind, times, db)
            every += times
            every_db += db
        line(where, "all 30", every, every_db)
        if where == "site":
            every, every_db = [], []
            for kind, urls in filtered.items():
                times, db = [], []
                for _ in range(ROUNDS):
                    for url in urls:
                        ms, cpu, n, _html = measure(url)
                        times.append((ms, cpu))
                        db.append(n)
                line(where, kind, times, db)
                every += times
                every_db += db
            line(where, "filters, p.20", every, every_db)

    # The search alone, without the page around it: count, rank and read the first page.
    from opencounty.search.query import search_site

    times = []
    for _ in range(ROUNDS):
        for query in ALL:
            started, cpu, server = time.perf_counter(), time.process_time(), server_cpu()
            outcome = search_site(query)
            outcome.hits(0, 10)
            cpu = time.process_time() - cpu + server_cpu(server)
            times.append(((time.perf_counter() - started) * 1000, cpu * 1000))
    line("engine", "all 30", times, [])

    # The same for the most common words with a filter or on page 20.
    def engine_time(word: str, offset: int, **filters) -> tuple[float, float]:
        started, cpu, server = time.perf_counter(), time.process_time(), server_cpu()
        search_site(word, **filters).hits(offset, 10)
        cpu = time.process_time() - cpu + server_cpu(server)
        return (time.perf_counter() - started) * 1000, cpu * 1000

    half_year = {"date_from": date(2026, 1, 1), "date_to": date(2026, 6, 30)}
    times = []
    for _ in range(ROUNDS):
        for word in FILTERED:
            times.append(engine_time(word, 0, unit=township))
            times.append(engine_time(word, 0, **half_year))
            times.append(engine_time(word, 190))
    line("engine", "filters, p.20", times, [])

    # What bounding the ranking changes (docs/decisions/0026): the results shown against a
    # ranking of every match.
    from opencounty.search import engine

    print()
    print(f"{'bounded vs exact':<22}{'matches':>9}{'top 10':>8}{'top 20':>8}{'page 20':>9}")
    for word in FILTERED:
        for label, filters in (("", {}), ("+unit", {"unit": township}), ("+dates", half_year)):
            outcome = search_site(word, **filters)
            bounded = [[pk for pk, _s in outcome.ranked_ids(o, n)] for o, n in ((0, 20), (190, 10))]
            window, engine.WINDOW = engine.WINDOW, 10**9
            try:
                exact = [
                    [pk for pk, _s in outcome.ranked_ids(o, n)] for o, n in ((0, 20), (190, 10))
                ]
            finally:
                engine.WINDOW = window
            top10, top20, deep = exact[0][:10], exact[0], exact[1]
            print(
                f"{word + label:<22}{outcome.total:>9}"
                f"{len(set(bounded[0][:10]) & set(top10)):>5}/{len(top10):<2}"
                f"{len(set(bounded[0]) & set(top20)):>5}/{len(top20):<2}"
                f"{len(set(bounded[1]) & set(deep)):>6}/{len(deep):<2}",
                flush=True,
            )

    print()
    print(f"{'query':<12}{'site results':>14}{'hall results':>14}")
    for query in ALL + FILTERED:
        site = counts.get((query, "site"))
        if site is None:
            site = site_count(measure("/search/?q=" + quote(query))[3])
        print(f"{query:<12}{site:>14}{counts.get((query, 'hall'), ''):>14}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        one(sys.argv[2], int(sys.argv[3]))
    else:
        orchestrate()
