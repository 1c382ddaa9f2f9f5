"""Pages served like static files: the app alone, nginx's page cache, and a publish (issue 12).

    .venv/bin/python bench/page_throughput.py

Builds the demo (2,000 articles) into var/bench/page-throughput/ under the production settings
(secrets made on the first run and kept in that folder, never committed), collects the static
files and runs the production set-up as .ci/production-smoke does: granian started by bin/serve
(2 workers; `GRANIAN_WORKERS`, `GRANIAN_BLOCKING_THREADS` and the other GRANIAN_* settings are
passed on) and nginx on loopback with docs/deploy/nginx-opencounty.conf filled in, in front of
a second granian with its access log on (to count what nginx asks the application for). Then, with wrk (`BENCH_SECONDS` each, `BENCH_CONNECTIONS` connections), prints for
the home page, a column and an article:

- req/s from granian directly (warm page cache) and from nginx serving a file of the same
  size, and their ratio (goal ≥ 0.1×);
- the cold render: p50 of one client with the page cache cleared before each request
  (goal ≤ 50 ms);
- req/s with an expired `sessionid` cookie against without, and the session rows it made
  (goal: the same speed, 0 rows);
- req/s through nginx with its page cache, as a ratio of the static file (goal ≥ 0.9×);
- the time from a publish until the new title is visible through nginx on the article, its
  column and the home page (goal ≤ 1 s).

Figures only, never assertions. wrk and nginx are installed with apt-get when missing and
possible (as .ci/run does); otherwise what cannot run is skipped with a line saying so.
"""

import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "page-throughput"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
COLD_ROUNDS = int(os.environ.get("BENCH_COLD_ROUNDS", "15"))
PUBLISHES = int(os.environ.get("BENCH_PUBLISHES", "3"))
# Another site file to measure instead of the documented one (e.g. a variant of its cache rules).
SITE_CONF = Path(
    os.environ.get("BENCH_NGINX_SITE", ROOT / "docs" / "deploy" / "nginx-opencounty.conf")
)


def find_tool(name: str, package: str) -> str | None:
    """The tool's path, installing its Debian package first when missing and possible."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if found or not shutil.which("apt-get") or os.geteuid() != 0:
        return found
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", package]
    if subprocess.run(install, env=env, **quiet).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, **quiet)
        subprocess.run(install, env=env, **quiet)
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env() -> dict[str, str]:
    """The production settings as an operator sets them; the secrets are made on the first run
    and kept with the bench's database (which holds data encrypted with them)."""
    keep = WORK / "secrets.json"
    if keep.exists():
        made = json.loads(keep.read_text())
    else:
        from cryptography.fernet import Fernet

        made = {
            "SECRET_KEY": secrets.token_urlsafe(48),
            "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "AUDIT_HMAC_KEY": secrets.token_urlsafe(48),
        }
        keep.touch(mode=0o600)
        keep.write_text(json.dumps(made))
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DATABASE_URL", "REDIS_URL", "DEBUG")
        and name not in ("GRANIAN_HOST", "GRANIAN_PORT", "GRANIAN_UDS", "GRANIAN_PID_FILE")
        and not name.startswith("GUNICORN_")
    }
    env.update(made)
    env.update(
        OPENCOUNTY_ENV="production",
        OPENCOUNTY_VAR_DIR=str(WORK),
        DJANGO_SETTINGS_MODULE="opencounty.settings",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        TRUSTED_PROXIES="127.0.0.1/32",
        # Plain http on loopback; production redirects http to https.
        SECURE_SSL_REDIRECT="false",
    )
    return env


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """Status, headers (names in any case: granian sends them in lower case) and body."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_for(url: str, process: subprocess.Popen | None = None) -> None:
    for _ in range(300):
        if process is not None and process.poll() is not None:
            raise SystemExit(f"stopped before serving {url}")
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answered at {url}")


def cpu_seconds(master: int) -> float:
    """CPU time (user + system) of a server: its main process and the workers it started."""
    pids = [master]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(entry.name))
    ticks = 0
    for pid in pids:
        try:
            fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(
    wrk_path: str,
    url: str,
    server: int,
    headers: dict[str, str] | None = None,
    seconds: int = SECONDS,
) -> dict:
    """req/s, latency p50 and p99 (ms), the failures of one wrk run, and the CPU time the
    server (its master pid) spent per request: on a shared machine req/s move with the
    neighbours' load, CPU per request much less."""
    command = [wrk_path, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    cpu_before = cpu_seconds(server)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds(server) - cpu_before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    failures = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
        "failed": failures + (int(bad.group(1)) if bad else 0),
        "cpu_us": cpu / max(requests, 1) * 1e6,
    }


def alternately(wrk_path: str, first: str, second: str, server: int) -> tuple[dict, dict]:
    """Two URLs of one server, in turns of half a run each, so that a neighbour's load on the
    shared machine weighs on both alike."""
    runs: dict[str, list[dict]] = {first: [], second: []}
    for _ in range(2):
        for url in (first, second):
            runs[url].append(wrk(wrk_path, url, server, seconds=max(1, SECONDS // 2)))

    def merged(results: list[dict]) -> dict:
        return {
            "rps": statistics.mean(r["rps"] for r in results),
            "p50": statistics.mean(r["p50"] for r in results),
            "p99": max(r["p99"] for r in results),
            "failed": sum(r["failed"] for r in results),
            "cpu_us": statistics.mean(r["cpu_us"] for r in results),
        }

    return merged(runs[first]), merged(runs[second])


def describe(result: dict) -> str:
    failed = f", {result['failed']} failed" if result["failed"] else ""
    return (
        f"{result['rps']:>7,.0f} req/s, server CPU {result['cpu_us']:>5,.0f} µs/request "
        f"(p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms{failed})"
    )


def nginx_config(site: str, port: int, app: str, root: Path) -> Path:
    """The documented site, filled in as .ci/production-smoke fills it, with {{VAR_DIR}} a
    folder of its own (mode 755, as production-smoke's: nginx's workers, user nobody, read the
    static files there), in a small main configuration (two workers, as Debian's
    `worker_processes auto` gives here)."""
    filled = (
        site.replace("{{UPSTREAM}}", app)
        .replace("{{LISTEN}}", f"127.0.0.1:{port}")
        .replace("{{SERVER_NAME}}", "127.0.0.1")
        .replace("{{VAR_DIR}}", str(root))
    )
    (root / "nginx-site.conf").write_text(filled)
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (root / "nginx" / folder).mkdir(parents=True, exist_ok=True)
    main = root / "nginx.conf"
    main.write_text(
        f"""worker_processes auto;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {root}/nginx/body; proxy_temp_path {root}/nginx/proxy;
    fastcgi_temp_path {root}/nginx/fastcgi; uwsgi_temp_path {root}/nginx/uwsgi;
    scgi_temp_path {root}/nginx/scgi;
    include {root}/nginx-site.conf;
}}
"""
    )
    return main


EMPTY_APP = """body = open({path!r}, "rb").read()


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                              ("Content-Length", str(len(body)))])
    return [body]
"""


def start_server(env: dict, port: int, log: Path, app: str = "") -> subprocess.Popen:
    """granian as .ci/production-smoke starts it (bin/serve), in the foreground; `app` is
    another WSGI application to serve (module:name, the module in WORK). Its access log and
    messages go to stdout, as configured: here to `log`. Returns once every worker has loaded
    the application, so that no worker's start is counted in a figure."""
    command = [str(ROOT / "bin" / "serve")]
    env = {**env, "GRANIAN_PORT": str(port)}
    if app:
        env["OPENCOUNTY_WSGI_APP"] = app
        command += ["--working-dir", str(WORK)]
    log.unlink(missing_ok=True)
    with open(log, "ab") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    workers = int(env.get("GRANIAN_WORKERS", "2"))
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"bin/serve stopped before serving; see {log}")
        if log.read_text(errors="replace").count("Started worker-") >= workers:
            break
        time.sleep(0.2)
    wait_for(f"http://127.0.0.1:{port}/", server)
    return server


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=30)


class AccessLog:
    """What reached the application, from granian's access log."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.mark()

    def mark(self) -> None:
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def since_mark(self) -> dict[str, int]:
        with open(self.path, "rb") as log:
            log.seek(self.offset)
            statuses = re.findall(rb'" (\d{3}) ', log.read())
        counts: dict[str, int] = {}
        for status in statuses:
            counts[status.decode()] = counts.get(status.decode(), 0) + 1
        return counts


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    wrk_path = find_tool("wrk", "wrk")
    if wrk_path is None:
        print("skipped: page throughput needs wrk (apt-get install wrk), which is not installed")
        return
    nginx_path = find_tool("nginx", "nginx-light")
    if nginx_path is None:
        print(
            "skipped: nginx is not installed (apt-get install nginx-light): "
            "no static, page-cache or publish figures"
        )

    env = production_env()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command

    from opencounty.demo import builder
    from opencounty.portal.models import ArticlePage

    call_command("migrate", verbosity=0)
    if not builder.is_built():
        print("building the demo county (2,000 articles) ...", flush=True)
        builder.build(articles=2000, accounts=False, report=lambda message: None)
    call_command("collectstatic", interactive=False, verbosity=0)

    article = ArticlePage.objects.live().order_by("-first_published_at", "-pk").first()
    pages = {"home": "/", "column": article.get_parent().url, "article": article.url}

    app_port, upstream_port, nginx_port = free_port(), free_port(), free_port()
    app, proxy = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{nginx_port}"
    server = start_server(env, app_port, WORK / "granian.log")
    # nginx's upstream is a second instance with its access log on, which says what nginx
    # asked for; the one measured alone runs as bin/serve does, without it.
    access = WORK / "granian-access.log"
    upstream = None
    if nginx_path:
        upstream_env = {**env, "GRANIAN_LOG_ACCESS_ENABLED": "true"}
        upstream = start_server(upstream_env, upstream_port, access)
    nginx_root = Path(tempfile.mkdtemp(prefix="oc-pages-nginx-"))
    nginx_root.chmod(0o755)
    nginx = None
    try:
        shutil.copytree(WORK / "static", nginx_root / "static")
        static = nginx_root / "static" / "bench"
        static.mkdir()
        for name, path in pages.items():
            (static / f"{name}.html").write_bytes(get(app + path)[2])
        if nginx_path:
            conf = nginx_config(
                SITE_CONF.read_text(), nginx_port, f"127.0.0.1:{upstream_port}", nginx_root
            )
            nginx = [nginx_path, "-p", str(nginx_root), "-e", str(nginx_root / "nginx-error.log")]
            nginx += ["-c", str(conf)]
            subprocess.run(nginx, check=True)
            wait_for(proxy + "/static/bench/home.html")
        nginx_pid = int((nginx_root / "nginx.pid").read_text()) if nginx else None
        print(
            f"wrk, {SECONDS} s a run, {CONNECTIONS} connections; granian (bin/serve, "
            f"{env.get('GRANIAN_WORKERS', '2')} workers × "
            f"{env.get('GRANIAN_BLOCKING_THREADS', '4')} threads, access log "
            f"{env.get('GRANIAN_LOG_ACCESS_ENABLED', 'false')}), production settings, SQLite; "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"
        )
        throughput(wrk_path, pages, app, server.pid, proxy, nginx_pid, AccessLog(access))
        empty_app(wrk_path, env, static / "article.html")
        cold_render(app, pages, caches)
        stale_cookie(wrk_path, app, server.pid)
        if nginx:
            publish_visibility(proxy, pages, article)
    finally:
        stop(server)
        if upstream:
            stop(upstream)
        if nginx:
            subprocess.run([*nginx, "-s", "stop"], check=False, stderr=subprocess.DEVNULL)
            time.sleep(0.5)  # the workers finish before their folder goes
        shutil.rmtree(nginx_root, ignore_errors=True)


def throughput(
    wrk_path: str,
    pages: dict,
    app: str,
    app_pid: int,
    proxy: str,
    nginx_pid: int | None,
    access: AccessLog,
) -> None:
    for name, path in pages.items():
        for _ in range(2):
            get(app + path)
            if nginx_pid:
                get(proxy + path)
        size = len(get(app + path)[2])
        print(f"\n{name} ({path}, {size:,} bytes)")
        alone = wrk(wrk_path, app + path, app_pid)
        print(f"  app alone, warm page cache  {describe(alone)}")
        if nginx_pid is None:
            continue
        access.mark()
        static, cached = alternately(
            wrk_path, f"{proxy}/static/bench/{name}.html", proxy + path, nginx_pid
        )
        asked = access.since_mark()
        print(f"  nginx, a static file        {describe(static)}")
        print(f"  nginx page cache            {describe(cached)}")
        print(
            "    the application was asked "
            + (", ".join(f"{n} × {status}" for status, n in sorted(asked.items())) or "nothing")
            + f" while nginx served the page for {SECONDS} s"
        )
        print(
            f"  ratio to static, req/s: app alone {alone['rps'] / static['rps']:.3f}× "
            f"(goal ≥ 0.1×), nginx page cache {cached['rps'] / static['rps']:.2f}× (goal ≥ 0.9×)"
        )
        print(
            f"  ratio to static, server CPU per request: app alone "
            f"{static['cpu_us'] / alone['cpu_us']:.3f}×, nginx page cache "
            f"{static['cpu_us'] / cached['cpu_us']:.2f}×"
        )


def empty_app(wrk_path: str, env: dict, page: Path) -> None:
    """The ceiling of any Python work: granian, same configuration, answering the article's
    bytes from a WSGI function that does nothing else."""
    (WORK / "empty_wsgi.py").write_text(EMPTY_APP.format(path=str(page)))
    port = free_port()
    server = start_server(env, port, WORK / "granian-empty.log", "empty_wsgi:application")
    try:
        result = wrk(wrk_path, f"http://127.0.0.1:{port}/", server.pid)
    finally:
        stop(server)
    print(f"\ngranian alone (an empty WSGI app sending the article's bytes): {describe(result)}")


def cold_render(app: str, pages: dict, caches) -> None:
    print(f"\ncold render, one client, page cache cleared before each of {COLD_ROUNDS} requests:")
    every = []
    for name, path in pages.items():
        times = []
        for _ in range(COLD_ROUNDS):
            caches["pages"].clear()
            started = time.perf_counter()
            status, headers, _body = get(app + path)
            times.append((time.perf_counter() - started) * 1000)
            assert status == 200 and headers.get("X-Page-Cache") == "miss", (path, status)
        every += times
        print(f"  {name:<8} p50 {statistics.median(times):6.1f} ms, max {max(times):6.1f} ms")
    print(f"  all      p50 {statistics.median(every):6.1f} ms (goal ≤ 50 ms)")


def stale_cookie(wrk_path: str, app: str, app_pid: int) -> None:
    """An expired session cookie must be served like anonymous visits and store nothing."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    store = SessionStore()
    store["visited"] = True
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(minutes=1)
    )
    get(app + "/")
    before = Session.objects.count()
    plain = wrk(wrk_path, app + "/", app_pid)
    stale = wrk(wrk_path, app + "/", app_pid, {"Cookie": f"sessionid={store.session_key}"})
    made = Session.objects.count() - before
    print(
        f"\nhome with an expired sessionid cookie {describe(stale)}\n"
        f"                         without it    {describe(plain)}\n"
        f"  ratio {stale['rps'] / plain['rps']:.2f} (goal 1.0, CPU per request "
        f"{plain['cpu_us'] / stale['cpu_us']:.2f}); new session rows: {made} (goal 0)"
    )


def publish_visibility(proxy: str, pages: dict, article) -> None:
    """Publish a new title; poll the pages that show it through nginx until each shows the new
    one. Then the quiet case: a page nobody asked for since it was cached, read once a second
    after the publish."""
    print(f"\na publish seen through nginx ({PUBLISHES} publishes, polling the pages in turn):")
    model = type(article)
    original = article.title
    # Only the pages that show the title (a list may shorten it).
    pages = {
        name: path for name, path in pages.items() if original in get(proxy + path)[2].decode()
    }
    seen: dict[str, list[float]] = {name: [] for name in pages}
    quiet_old = 0

    def publish(title: str) -> float:
        page = model.objects.get(pk=article.pk)
        page.title = title
        page.save_revision().publish()
        return time.perf_counter()

    try:
        for number in range(1, PUBLISHES + 1):
            title = f"{original}（更新{number}）"
            for path in pages.values():
                get(proxy + path)
            time.sleep(0.37 * number % 1)  # a different moment of nginx's second each time
            published = publish(title)
            waiting = dict(pages)
            while waiting and time.perf_counter() - published < 10:
                for name, path in list(waiting.items()):
                    if title in get(proxy + path)[2].decode():
                        seen[name].append(time.perf_counter() - published)
                        del waiting[name]
            for name in waiting:
                seen[name].append(float("inf"))
        for number in range(1, PUBLISHES + 1):
            title = f"{original}（静{number}）"
            get(proxy + pages["article"])
            time.sleep(0.37 * number % 1)
            published = publish(title)
            time.sleep(max(0.0, published + 1.0 - time.perf_counter()))
            if title not in get(proxy + pages["article"])[2].decode():
                quiet_old += 1
    finally:
        publish(original)
    for name, times in seen.items():
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"  {name:<8} new title after {shown} s (max {max(times):.2f} s, goal ≤ 1 s)")
    print(
        f"  a page read once 1 s after the publish, nobody reading it in between: "
        f"{quiet_old} of {PUBLISHES} still old (a copy is handed out at most 2 s after it was made)"
    )


if __name__ == "__main__":
    main()
