"""gunicorn's settings for OpenCounty (read from the project folder; override with the
environment: GUNICORN_BIND, GUNICORN_WORKERS). See docs/operations.md and docs/deploy/."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
wsgi_app = "opencounty.wsgi:application"
# A slow request must not hold a worker for ever; uploads are limited well below this.
timeout = 60
graceful_timeout = 30
# Behind nginx on the same machine: the proxy's headers are trusted only from it
# (the application checks TRUSTED_PROXIES itself).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
