"""Settings for OpenCounty, read from the environment with safe defaults.

``OPENCOUNTY_ENV=production`` refuses to start with the development secret
key or with DEBUG on.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from opencounty.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("OPENCOUNTY_VAR_DIR", str(BASE_DIR / "var")))

DEVELOPMENT_SECRET_KEY = "development-only-not-secret"  # noqa: S105

ENVIRONMENT = env_str("OPENCOUNTY_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("OPENCOUNTY_ENV must be development or production")
PRODUCTION = ENVIRONMENT == "production"

SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
# The operator's reverse proxies (addresses or networks, comma-separated). Only a request whose
# peer is one of them has its X-Forwarded-For / X-Real-IP believed; with nginx on the same
# machine set 127.0.0.1 (and ::1). Empty: the peer's address is the client's.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an address or network"
        ) from _exc

if PRODUCTION:
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured("Production needs its own SECRET_KEY of 32 characters or more")
    if DEBUG:
        raise ImproperlyConfigured("Production refuses to run with DEBUG on")

# Personal information at rest: comma-separated Fernet keys, the first encrypts (rotation).
# Generate one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEY", [])
if not FIELD_ENCRYPTION_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured("Production needs FIELD_ENCRYPTION_KEY for personal information")
    from opencounty.core.crypto_keys import development_key

    FIELD_ENCRYPTION_KEYS = [development_key(SECRET_KEY)]

# The audit log is an HMAC-SHA256 chain; its key lives outside the database (docs/decisions/0009).
# AUDIT_HMAC_KEY, or AUDIT_HMAC_KEY_FILE naming a file of mode 0600 in a private folder.
# Generate one with: python -c "import secrets; print(secrets.token_hex(32))"
AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY", "").strip()
AUDIT_HMAC_KEY_IS_DEVELOPMENT = False
if not AUDIT_HMAC_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Production needs AUDIT_HMAC_KEY (or AUDIT_HMAC_KEY_FILE) for the audit log"
        )
    from opencounty.core.crypto_keys import development_audit_key

    AUDIT_HMAC_KEY = development_audit_key(SECRET_KEY)
    AUDIT_HMAC_KEY_IS_DEVELOPMENT = True
elif len(AUDIT_HMAC_KEY) < 32:
    raise ImproperlyConfigured("AUDIT_HMAC_KEY must be 32 characters or more")
if PRODUCTION:
    if AUDIT_HMAC_KEY == SECRET_KEY or AUDIT_HMAC_KEY.startswith("DEVELOPMENT-ONLY-"):
        raise ImproperlyConfigured("AUDIT_HMAC_KEY must be its own key, not SECRET_KEY")
    _audit_key_file = os.environ.get("AUDIT_HMAC_KEY_FILE")
    if _audit_key_file and os.stat(_audit_key_file).st_mode & 0o077:
        raise ImproperlyConfigured("AUDIT_HMAC_KEY_FILE must be readable by its owner only (0600)")
# The daily signed checkpoints anchor the head of the chain outside the database; keep the
# folder on another disk or host if you can, and send a copy to syslog (host:port or a socket).
AUDIT_CHECKPOINT_DIR = Path(env_str("AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints")))
AUDIT_SYSLOG_ADDRESS = env_str("AUDIT_SYSLOG_ADDRESS", "")
# `audit_archive` moves entries older than this many days (at least 180: 网络安全法 art. 21
# keeps network logs six months or more) into signed archive files, so the table stops
# growing; the files go where AUDIT_ARCHIVE_DIR says (keep copies off the machine).
AUDIT_RETENTION_DAYS = max(env_int("AUDIT_RETENTION_DAYS", 365), 180)
AUDIT_ARCHIVE_DIR = Path(env_str("AUDIT_ARCHIVE_DIR", str(VAR_DIR / "audit-archive")))
# 网页防篡改: besides the office's security administrator and reviewers, who else is mailed
# when a live page is found changed (comma-separated); how long the admin shows the notice.
INTEGRITY_ALERT_EMAILS = env_list("INTEGRITY_ALERT_EMAILS", [])
INTEGRITY_NOTICE_DAYS = env_int("INTEGRITY_NOTICE_DAYS", 30)
# Where `manage.py backup` writes its archives unless told (--to); keep copies off the server.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))

INSTALLED_APPS = [
    "opencounty.core",
    "opencounty.portal",
    "opencounty.search",
    "opencounty.cases",
    "opencounty.disclosure",
    "opencounty.interaction",
    "opencounty.services",
    "opencounty.supervision",
    "opencounty.officedocs",
    "opencounty.integrity",
    "opencounty.submissions",
    "opencounty.powers",
    "opencounty.datacatalogue",
    "opencounty.emergency",
    "opencounty.meetings",
    "opencounty.limits",
    "opencounty.demo",
    "opencounty.accounts",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "opencounty.core.users_app.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "opencounty.core.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Until which second nginx may keep a public page; also on the 304s below.
    "opencounty.portal.http_cache.SharedCacheExpiryMiddleware",
    # Answers a conditional GET with 304 from the ETag / Last-Modified below, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "opencounty.portal.cache.AnonymousPageCacheMiddleware",
    "opencounty.portal.http_cache.CacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "opencounty.core.middleware.CurrentRequestMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "opencounty.core.middleware.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opencounty.core.middleware.BreakGlassMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "opencounty.accounts.middleware.StaffLoginPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opencounty.urls"
WSGI_APPLICATION = "opencounty.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "opencounty" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "opencounty.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while one writer commits.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                # Every transaction takes the write lock when it begins, so none fails half-way
                # upgrading a read; a writer waits up to SQLITE_TIMEOUT seconds for the lock
                # (below nginx's 60 s for an answer) instead of failing with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("SQLITE_TIMEOUT", 45),
            },
            # A file, not memory: the browser tests' live server answers from several threads.
            "TEST": {"NAME": VAR_DIR / "test.sqlite3"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches hold only what can be rebuilt: the anonymous page cache has its own alias ("pages"),
# so pages never push anything else out. Rate limits, lockouts and captcha single-use are in
# the database (opencounty.limits), never in a cache that could evict them.
REDIS_URL = env_str("REDIS_URL", "")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "opencounty")
PAGE_CACHE_ENTRIES = env_int("PAGE_CACHE_ENTRIES", 5000)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "page-cache",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
        },
    }
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# How long browsers may keep a published page without asking again (then they revalidate with
# If-None-Match / If-Modified-Since and usually get a 304).
PAGE_HTTP_MAX_AGE = env_int("PAGE_HTTP_MAX_AGE", 60)
# How long a shared cache (nginx's page cache, a CDN) may keep a published page: a publish shows
# through it within this many seconds, and the application is asked about each page at most
# once per this many seconds (docs/decisions/0022).
PAGE_SHARED_MAX_AGE = env_int("PAGE_SHARED_MAX_AGE", 1)
if PAGE_SHARED_MAX_AGE < 1:
    raise ImproperlyConfigured("PAGE_SHARED_MAX_AGE must be 1 second or more")
# The query parameters public pages read (pagination, filters, search); a request with any
# other parameter is answered but not stored in the page cache. Tracking parameters are
# dropped from the cache key.
PAGE_CACHE_QUERY_PARAMS = [
    "page",
    "q",
    "unit",
    "subject",
    "category",
    "validity",
    "letter_kind",
    "year",
    "month",
    "section",
    "submitted",
    "date_from",
    "date_to",
    "column",
    "url",
    "next",
    "text",
    "mode",
]
PAGE_CACHE_IGNORED_PARAMS = ["from", "isappinstalled", "spm", "fbclid", "gclid"]

# Supervision: yellow when a case is due within this many working days, red when overdue.
CASE_WARNING_DAYS = env_int("CASE_WARNING_DAYS", 2)
# The same for kinds whose clock counts minutes (incident reports): yellow this many minutes
# before the moment a report is due.
CASE_WARNING_MINUTES = env_int("CASE_WARNING_MINUTES", 15)
# Mailbox reply deadlines in working days, per kind of letter (practice; domain-rules section 2).
LETTER_REPLY_DAYS = {
    "consultation": env_int("LETTER_DAYS_CONSULTATION", 5),
    "suggestion": env_int("LETTER_DAYS_SUGGESTION", 10),
    "complaint": env_int("LETTER_DAYS_COMPLAINT", 15),
    "help": env_int("LETTER_DAYS_HELP", 10),
}
# Letters beyond these per day are still stored, but held for the dispatchers to look at.
LETTERS_PER_PHONE_PER_DAY = env_int("LETTERS_PER_PHONE_PER_DAY", 3)
LETTERS_PER_IP_PER_DAY = env_int("LETTERS_PER_IP_PER_DAY", 10)
# The writer has this many working days after a reply to rate it; then the unit may close the
# letter unrated (practice).
LETTER_RATING_DAYS = env_int("LETTER_RATING_DAYS", 5)
ERROR_REPORT_REPLY_DAYS = env_int("ERROR_REPORT_REPLY_DAYS", 3)
# Consultations on drafts: the shortest period for normative documents, in days, and how many
# comments one IP address may send in an hour.
CONSULTATION_MIN_DAYS = env_int("CONSULTATION_MIN_DAYS", 30)
CONSULTATION_COMMENTS_PER_IP_PER_HOUR = env_int("CONSULTATION_COMMENTS_PER_IP_PER_HOUR", 5)
# A survey of one answer per browser takes at most this many answer sheets from one client
# address while it is open (an office or a school shares one address; the cookie alone is
# cleared in a second).
SURVEY_ANSWERS_PER_ADDRESS = env_int("SURVEY_ANSWERS_PER_ADDRESS", 20)
# A bad review (差评) of a service is rectified by the department within this many working days.
SERVICE_RECTIFICATION_DAYS = env_int("SERVICE_RECTIFICATION_DAYS", 5)
# Official documents: a recipient unit signs for a document within this many working days
# (practice); the sender's tracking table marks it yellow on the last day, red after it.
OFFICEDOCS_SIGN_FOR_DAYS = env_int("OFFICEDOCS_SIGN_FOR_DAYS", 2)
OFFICEDOCS_ATTACHMENT_MAX_MB = env_int("OFFICEDOCS_ATTACHMENT_MAX_MB", 20)
# The PDF for reading is the .docx converted by LibreOffice, when installed (officedocs/pdf.py).
OFFICEDOCS_SOFFICE = os.environ.get("OFFICEDOCS_SOFFICE", "soffice")
OFFICEDOCS_PDF_TIMEOUT = env_int("OFFICEDOCS_PDF_TIMEOUT", 60)
# Information submissions (政务信息报送, practice): a 专报 is due this many hours after the
# event; who approves an item inside its unit (ordinary items; items marked 热点难点); which
# categories need 原始痕迹资料; who signs bulletin issues off (签发) in the county office.
SUBMISSIONS_SPECIAL_REPORT_HOURS = env_int("SUBMISSIONS_SPECIAL_REPORT_HOURS", 1)
SUBMISSIONS_APPROVER_ROLES = env_list("SUBMISSIONS_APPROVER_ROLES", ["reviewer", "unit_admin"])
SUBMISSIONS_HOT_APPROVER_ROLES = env_list("SUBMISSIONS_HOT_APPROVER_ROLES", ["unit_admin"])
SUBMISSIONS_EVIDENCE_CATEGORIES = env_list(
    "SUBMISSIONS_EVIDENCE_CATEGORIES", ["key", "research", "special"]
)
SUBMISSIONS_SIGNER_ROLES = env_list("SUBMISSIONS_SIGNER_ROLES", ["reviewer", "headline_reviewer"])
# Text messages: "logging" (development: written to the log) or "http" (the SMS gateway).
SMS_BACKEND = env_str("SMS_BACKEND", "logging")
if SMS_BACKEND not in {"logging", "http"}:
    raise ImproperlyConfigured("SMS_BACKEND must be logging or http")
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN", "")
SMS_GATEWAY_TIMEOUT = env_int("SMS_GATEWAY_TIMEOUT", 10)
SMS_MAX_ATTEMPTS = env_int("SMS_MAX_ATTEMPTS", 8)
if SMS_BACKEND == "http" and not SMS_GATEWAY_URL:
    raise ImproperlyConfigured("SMS_BACKEND=http needs SMS_GATEWAY_URL")

# Notifications. Without EMAIL_HOST, mail is written to the console (development).
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@opencounty.invalid")

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Staff login (身份鉴别, docs/security.md). Lockout after repeated failures, per account and per
# address (django-axes, counted in the database, the address from core.audit.client_ip).
AUTHENTICATION_BACKENDS = [
    "opencounty.accounts.backends.StaffLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The staff login page asks the captcha question (core.captcha) before checking the password.
STAFF_LOGIN_CAPTCHA = env_bool("STAFF_LOGIN_CAPTCHA", True)
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("STAFF_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("STAFF_LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "opencounty.core.audit.client_ip"
AXES_LOCKOUT_CALLABLE = "opencounty.accounts.views.locked_out"
AXES_COOLOFF_MESSAGE = _("登录失败次数过多，登录已暂停，请稍后再试。")
AXES_PERMALOCK_MESSAGE = _("登录失败次数过多，登录已暂停，请联系系统管理员。")
# A success would also clear the address's count: one's own account would reset the count
# of guesses at others'. Counts expire with the cool-off instead.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ADMIN = False
# Logins are in the hash-chained audit log already.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# The second factor (TOTP, django-otp). Every staff member may enrol; when STAFF_2FA_REQUIRED is
# on (production's default) the roles below must, before reaching the back office. Role values
# of core.models.Role, "superuser", or "*" for every staff account.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", PRODUCTION)
STAFF_2FA_REQUIRED_ROLES = env_list(
    "STAFF_2FA_REQUIRED_ROLES",
    [
        "system_admin",
        "security_admin",
        "audit_admin",
        "reviewer",
        "headline_reviewer",
        "superuser",
    ],
)
OTP_TOTP_THROTTLE_FACTOR = 1
# Passwords: length, classes, history, expiry (days; 0 turns expiry off).
STAFF_PASSWORD_MIN_LENGTH = env_int("STAFF_PASSWORD_MIN_LENGTH", 12)
STAFF_PASSWORD_MIN_CLASSES = env_int("STAFF_PASSWORD_MIN_CLASSES", 3)
STAFF_PASSWORD_HISTORY = env_int("STAFF_PASSWORD_HISTORY", 5)
STAFF_PASSWORD_MAX_AGE_DAYS = env_int("STAFF_PASSWORD_MAX_AGE_DAYS", 90)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "opencounty.accounts.validators.LengthValidator",
        "OPTIONS": {"min_length": STAFF_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "opencounty.accounts.validators.CharacterClassesValidator",
        "OPTIONS": {"min_classes": STAFF_PASSWORD_MIN_CLASSES},
    },
    {"NAME": "opencounty.accounts.validators.PasswordHistoryValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "opencounty" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Serve straight from the app folders when collectstatic has not been run (development).
WHITENOISE_USE_FINDERS = True
STATICFILES_DIRS = [BASE_DIR / "opencounty" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads that must never be public (identity documents): outside MEDIA_ROOT, no URL.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
# Seconds the files of a refused public-form submit are kept for the next try (core.held_uploads).
HELD_UPLOADS_MAX_AGE = env_int("HELD_UPLOADS_MAX_AGE", 2 * 3600)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
# Behind a proxy that ends TLS and sets X-Forwarded-Proto (overwriting what clients send, as
# docs/deploy/nginx-opencounty.conf does), absolute addresses such as those in sitemap.xml say
# https and the redirect below knows the request was secure. The documented production set-up.
if env_bool("BEHIND_TLS_PROXY", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production is served over TLS only: plain http is redirected, and browsers are told (HSTS)
# to use https for a year. Turn off only for a loopback test without TLS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page is framed by another site or by our own; Wagtail's preview overrides this itself.
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy and Permissions-Policy (core/headers.py). Hosts of embedded videos,
# if the county embeds any, are added here: CSP_FRAME_SOURCES=https://player.example.cn
CSP_FRAME_SOURCES = env_list("CSP_FRAME_SOURCES", [])
SESSION_COOKIE_AGE = env_int("STAFF_IDLE_SECONDS", 600)
# A session is stored only when something is put in it; a signed-in user's is renewed on every
# request (core.middleware.IdleTimeoutMiddleware), so staff are signed out after
# STAFF_IDLE_SECONDS idle, while anonymous visitors (and stale cookies) write nothing.
SESSION_SAVE_EVERY_REQUEST = False
# However active, a staff session ends this long after its login (accounts.middleware).
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 8 * 3600)

# The name staff see on the login page, the admin's title bar and the dashboard.
PLATFORM_NAME = env_str("PLATFORM_NAME", "政府网站集约化平台")
WAGTAIL_SITE_NAME = PLATFORM_NAME
# The account name staff see in their authenticator app.
OTP_TOTP_ISSUER = PLATFORM_NAME
# New pages get short ASCII slugs (pinyin of the title, see portal.slugs), never percent-encoded
# Chinese; existing Chinese slugs stay valid.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No Wagtail promotions or update checks in the county's back office.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
WAGTAILADMIN_USER_LOGIN_FORM = "opencounty.core.login_form.StaffLoginForm"
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_FINISH_WORKFLOW_ACTION = "opencounty.portal.workflow_finish.publish_approved"
# Our own admin strings are written in Chinese; an English admin would be half Chinese.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "wps",
    "et",
    "ofd",
    "zip",
    "txt",
    "csv",
]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Video conferences (opencounty.meetings): how long before a meeting its test call is set by
# default when the office approves it.
MEETINGS_TEST_CALL_MINUTES = env_int("MEETINGS_TEST_CALL_MINUTES", 60)

# Emergency duty (opencounty.emergency): incident reports count minutes from the event.
# The first written report is due this many minutes after the event (practice: within the
# hour), then a follow-up (续报) every EMERGENCY_FOLLOW_UP_MINUTES until the final report.
EMERGENCY_FIRST_REPORT_MINUTES = env_int("EMERGENCY_FIRST_REPORT_MINUTES", 60)
EMERGENCY_FOLLOW_UP_MINUTES = env_int("EMERGENCY_FOLLOW_UP_MINUTES", 120)
# Rosters: days ahead in which a day with no one on duty is flagged.
EMERGENCY_ROSTER_GAP_DAYS = env_int("EMERGENCY_ROSTER_GAP_DAYS", 7)

# datacatalogue (政务信息资源目录与开放数据)
# Working days a provider has to answer another unit's sharing request.
DATA_SHARING_REPLY_DAYS = env_int("DATA_SHARING_REPLY_DAYS", 10)
# Largest data file a unit may upload to the catalogue (bytes), and most rows an API page holds.
DATA_FILE_MAX_BYTES = env_int("DATA_FILE_MAX_BYTES", 20 * 1024 * 1024)
CKAN_API_ROWS_MAX = env_int("CKAN_API_ROWS_MAX", 1000)

# powers (权力清单、行政处罚、双公示) ---------------------------------------------------------
# Calendar days a 双公示 entry stays on the public list, per type (practice: penalties three
# years, licences for as long as an operator decides).
POWERS_PUBLICITY_DAYS = {
    "penalty": env_int("POWERS_PENALTY_PUBLICITY_DAYS", 1095),
    "licensing": env_int("POWERS_LICENSING_PUBLICITY_DAYS", 1095),
}
# Working days after the decision within which it must be published (双公示: 7).
POWERS_PUBLISH_WITHIN_DAYS = env_int("POWERS_PUBLISH_WITHIN_DAYS", 7)
# Calendar days from 立案 to the decision (行政处罚法 art. 60: 90).
POWERS_PENALTY_DECISION_DAYS = env_int("POWERS_PENALTY_DECISION_DAYS", 90)

# Official documents, document flow (docflow): inside the sending unit 核稿 (checking a draft)
# and 签发 (signing it off) are done by these roles of the unit, never by the drafter, and the
# checker may not sign what they checked; inside a receiving unit these roles write 批办 (the
# leader's instruction). Unsigned documents past their sign-for day are reminded (SMS and mail)
# at most once a day by `manage.py send_sign_for_reminders` (cron, hourly is safe).
OFFICEDOCS_CHECKER_ROLES = env_list(
    "OFFICEDOCS_CHECKER_ROLES", ["reviewer", "unit_admin", "headline_reviewer"]
)
OFFICEDOCS_SIGNER_ROLES = env_list("OFFICEDOCS_SIGNER_ROLES", ["unit_admin", "headline_reviewer"])
OFFICEDOCS_LEADER_ROLES = env_list("OFFICEDOCS_LEADER_ROLES", ["unit_admin"])
