"""Anonymous page views: latency and database queries, page cache cold and warm.

    .venv/bin/python bench/page_views.py

Builds the demo (2,000 articles) into var/bench/pages/ if missing and serves
requests through Django's full stack (middleware, Wagtail routing, templates).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
work = ROOT / "var" / "bench" / "pages"
work.mkdir(parents=True, exist_ok=True)
os.environ["OPENCOUNTY_VAR_DIR"] = str(work)
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencounty.settings")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))

import django  # noqa: E402

django.setup()

from django.contrib.sessions.models import Session  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from opencounty.demo import builder  # noqa: E402
from opencounty.portal.models import ArticlePage, ColumnPage, UnitSitePage  # noqa: E402
from opencounty.services.models import ServiceItemPage  # noqa: E402

call_command("migrate", verbosity=0)
if not builder.is_built():
    builder.build(articles=2000, accounts=False, report=lambda message: None)

column = ColumnPage.objects.filter(kind="news").order_by("path").first()
article = ArticlePage.objects.live().order_by("-first_published_at").first()
subsite = UnitSitePage.objects.order_by("path").first()
urls = {
    "home": "/",
    "column": column.url,
    "article": article.url,
    "subsite": subsite.url,
    "leaders": ColumnPage.objects.filter(kind="leaders").first().url,
    "sitemap": "/sitemap/",
    "xml": "/sitemap.xml",
    "search": "/search/?q=低保",
    "xxgk": "/xxgk/",
    "catalog": "/xxgk/catalogue/?category=a20_01",
    "csv": "/xxgk/catalogue/csv/",
    "letters": "/interaction/letters/",
    "stats": "/interaction/letters/statistics/",
    "services": "/services/",
    "guide": ServiceItemPage.objects.live().filter(item_kind="joint").order_by("path").first().url,
}
client = Client(HTTP_HOST="localhost")


def measure(url: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed * 1000, len(queries)


print(
    f"{'page':<9}{'cold ms':>9}{'cold queries':>14}{'warm p50 ms':>13}{'warm p95 ms':>13}{'warm queries':>14}{'req/s warm':>12}"
)
for name, url in urls.items():
    caches["pages"].clear()
    cold_ms, cold_queries = measure(url)
    warm = [measure(url) for _ in range(REQUESTS)]
    times = sorted(ms for ms, _ in warm)
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    warm_queries = max(q for _, q in warm)
    print(
        f"{name:<9}{cold_ms:>9.1f}{cold_queries:>14}{p50:>13.2f}{p95:>13.2f}{warm_queries:>14}{1000 / p50:>12.0f}"
    )

# A stale session cookie (expired or made up) must be served like any anonymous view and
# write no session row (issue 12).
caches["pages"].clear()
measure("/")
plain = sorted(measure("/")[0] for _ in range(REQUESTS))
sessions_before = Session.objects.count()
client.cookies["sessionid"] = "stale0expired0session0cookie0000"
stale = sorted(measure("/")[0] for _ in range(REQUESTS))
del client.cookies["sessionid"]
print(
    f"home, stale session cookie: {1000 / statistics.median(stale):.0f} req/s vs "
    f"{1000 / statistics.median(plain):.0f} without "
    f"(ratio {statistics.median(plain) / statistics.median(stale):.2f}); "
    f"new session rows: {Session.objects.count() - sessions_before}"
)
