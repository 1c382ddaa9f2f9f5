"""网页防篡改, audit checkpoints and backups on the demo county: how long each takes.

    .venv/bin/python bench/integrity.py

Builds the demo county (BENCH_ARTICLES articles, default 2,000) into var/bench/integrity/ if
missing, then times: the first check_pages (baselines for every page published without this
feature), a second check_pages (the everyday run), one after a tampered article (detect,
restore, alert), audit_checkpoint, verify_audit, backup and verifying the archive.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
work = ROOT / "var" / "bench" / "integrity"
work.mkdir(parents=True, exist_ok=True)
os.environ["OPENCOUNTY_VAR_DIR"] = str(work)
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencounty.settings")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "2000"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from opencounty.core import audit  # noqa: E402
from opencounty.core.models import AuditEntry  # noqa: E402
from opencounty.demo import builder  # noqa: E402
from opencounty.integrity import backup  # noqa: E402
from opencounty.integrity.actions import check_pages  # noqa: E402
from opencounty.integrity.models import PageFingerprint  # noqa: E402
from opencounty.portal.models import ArticlePage  # noqa: E402

call_command("migrate", verbosity=0)
if not builder.is_complete():
    builder.build(articles=ARTICLES, report=lambda message: None)
if list(audit.verify_chain()):
    call_command("audit_rekey", verbosity=0)  # a bench database from before the key


def timed(label: str, work) -> object:
    start = time.perf_counter()
    result = work()
    print(f"{label:<42} {time.perf_counter() - start:8.2f} s")
    return result


fresh = PageFingerprint.objects.count() < 10  # publications during the build record a few
report = timed("check_pages, first run" if fresh else "check_pages", lambda: check_pages())
print(f"  pages checked {report.checked}, baselines recorded {report.baselined}")
report = timed("check_pages, everyday run", lambda: check_pages())
print(f"  pages checked {report.checked}, changed {len(report.incidents)}")
article = ArticlePage.objects.live().order_by("pk").first()
ArticlePage.objects.filter(pk=article.pk).update(body="<p>篡改</p>")
report = timed("check_pages, one article tampered", lambda: check_pages())
print(f"  changed {len(report.incidents)}, restored {sum(i.restored for i in report.incidents)}")
timed("audit_checkpoint", lambda: audit.checkpoint())
problems = timed("verify_audit", lambda: list(audit.verify_chain()))
print(f"  audit entries {AuditEntry.objects.count()}, problems {len(problems)}")
with tempfile.TemporaryDirectory(dir=work) as folder:
    made = timed("backup", lambda: backup.backup(Path(folder)))
    print(f"  archive {made.path.stat().st_size / 1e6:.1f} MB, {made.files} files")
    with tempfile.TemporaryDirectory(dir=work) as check:
        timed(
            "verify the archive's checksums", lambda: backup._read_verified(made.path, Path(check))
        )
