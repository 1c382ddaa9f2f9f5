"""A burst of letters to the mailbox: 500s, acknowledged and stored submissions.

    .venv/bin/python bench/burst_submissions.py

Builds a small demo county into a temporary SQLite database, starts granian (bin/serve) on a
free port (BENCH_WORKERS workers x BENCH_THREADS threads, so BENCH_CLIENTS requests really run
at once), and sends BENCH_LETTERS letters from BENCH_CLIENTS concurrent clients, each through
the public form (GET the form, answer the captcha, POST), with the real password hasher for
query codes. Prints the HTTP 500s, the acknowledged letters (a receipt number on the page)
and the letters stored; every acknowledged one must be stored. Issue 11, D1.
"""

import html
import http.cookiejar
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LETTERS = int(os.environ.get("BENCH_LETTERS", "300"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "20"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "10"))
NUMBERS = "零一二三四五六七八九十"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict) -> None:
    run = [PYTHON, "manage.py"]
    subprocess.run([*run, "migrate", "--verbosity=0"], cwd=ROOT, env=env, check=True)
    build = (
        "from opencounty.demo import builder; builder.build(townships=2, departments=2, "
        "articles=0, accounts=False, service_items=5, report=lambda m: None)"
    )
    subprocess.run([*run, "shell", "-c", build], cwd=ROOT, env=env, check=True)


def wait_for(url: str, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit("the server stopped before serving")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def one_letter(base: str, n: int) -> tuple[int, str | None, float]:
    """(status, receipt number if acknowledged, seconds) for one letter through the form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base}/interaction/letters/write/"
    page = opener.open(url, timeout=120).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    token = html.unescape(re.search(r'name="captcha_token" value="([^"]+)"', page).group(1))
    a, b = re.search(r"请计算：(\S) 加 (\S) 等于", page).groups()
    unit = re.search(r'name="addressed_to"[^>]*>.*?<option value="(\d+)"', page, re.S)
    data = {
        "csrfmiddlewaretoken": csrf,
        "letter_kind": "suggestion",
        "addressed_to": unit.group(1) if unit else "",
        "title": f"压力测试来信{n:04d}",
        "content": f"第 {n} 封来信：建议在镇中学门口增设公交站。",
        "name": "赵六",
        "phone": f"139{n:08d}",
        "email": "",
        "captcha_token": token,
        "captcha_answer": str(NUMBERS.index(a) + NUMBERS.index(b)),
    }
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": url}
    )
    started = time.perf_counter()
    try:
        response = opener.open(request, timeout=120)
        status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, ""
    elapsed = time.perf_counter() - started
    receipt = re.search(r"\bXX\d{10}\b", body) if status == 200 else None
    return status, receipt.group(0) if receipt else None, elapsed


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="oc-burst-") as var:
        env = {**os.environ, "OPENCOUNTY_VAR_DIR": var}
        for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "OPENCOUNTY_ENV"):
            env.pop(name, None)
        for name in [name for name in env if name.startswith(("GRANIAN_", "GUNICORN_"))]:
            del env[name]
        print(f"building a small demo county in {var} ...", flush=True)
        prepare(env)
        port = free_port()
        env.update(
            GRANIAN_PORT=str(port),
            GRANIAN_WORKERS=str(WORKERS),
            GRANIAN_BLOCKING_THREADS=str(THREADS),
            GRANIAN_LOG_ACCESS_ENABLED="false",
        )
        log = open(Path(var) / "server.log", "ab")  # noqa: SIM115  closed below
        server = subprocess.Popen(
            [str(ROOT / "bin" / "serve")], cwd=ROOT, env=env, stdout=log, stderr=log
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{base}/interaction/letters/write/", server)
            results: list[tuple[int, str | None, float]] = []
            errors: list[str] = []
            lock = threading.Lock()
            numbers = iter(range(LETTERS))

            def client() -> None:
                while True:
                    with lock:
                        n = next(numbers, None)
                    if n is None:
                        return
                    try:
                        outcome = one_letter(base, n)
                    except Exception as exc:  # noqa: BLE001  a bench counts failures
                        with lock:
                            errors.append(repr(exc))
                        continue
                    with lock:
                        results.append(outcome)

            started = time.perf_counter()
            threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        statuses = Counter(status for status, _receipt, _t in results)
        acknowledged = {receipt for _s, receipt, _t in results if receipt}
        with sqlite3.connect(Path(var) / "opencounty.sqlite3") as db:
            stored = {
                row[0]
                for row in db.execute(
                    "SELECT c.receipt_number FROM interaction_letter l "
                    "JOIN cases_case c ON c.id = l.case_id"
                )
            }
        times = sorted(t for _s, _r, t in results)
        log = (Path(var) / "server.log").read_text(errors="replace")
        print(f"server: granian {WORKERS} workers x {THREADS} threads, SQLite (WAL, IMMEDIATE)")
        print(f"letters sent:           {LETTERS} from {CLIENTS} concurrent clients")
        print(f"wall time:              {wall:.1f} s ({len(results) / wall:.1f} letters/s)")
        print(f"HTTP status counts:     {dict(sorted(statuses.items()))}")
        print(f"HTTP 500:               {statuses.get(500, 0)}")
        print(f"client errors:          {len(errors)} {errors[:3]}")
        print(f"acknowledged:           {len(acknowledged)}")
        print(f"stored:                 {len(stored)}")
        print(f"acknowledged, missing:  {len(acknowledged - stored)}")
        print(f'"database is locked":   {log.count("database is locked")} in the server log')
        if times:
            p95 = times[max(0, int(len(times) * 0.95) - 1)]
            print(f"POST p50 / p95:         {statistics.median(times):.2f} s / {p95:.2f} s")


if __name__ == "__main__":
    main()
