"""Shared test set-up: a small 示范县 built once, and personas built in code."""

import re

import pytest
from django.contrib.auth import get_user_model

from opencounty.core.actions import assign_role
from opencounty.core.models import Role, Unit

SMALL_COUNTY = {"townships": 2, "departments": 2, "articles": 40, "accounts": False}


def build_small_county() -> None:
    from opencounty.demo import builder

    _rows_the_migrations_seed()
    builder.build(report=lambda message: None, **SMALL_COUNTY)


def _rows_the_migrations_seed() -> None:
    """A browser test (transactional) empties every table when it ends, the rows that data
    migrations seeded included; the next county built for a test gets them back."""
    import importlib

    from django.apps import apps

    from opencounty.search.common_synonyms import add_common_synonyms

    add_common_synonyms()
    rules = importlib.import_module("opencounty.submissions.migrations.0002_default_scoring_rules")
    rules.add_rules(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_small_county()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _audit_checkpoints_in_a_temporary_folder(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"
    settings.AUDIT_SYSLOG_ADDRESS = ""


@pytest.fixture(autouse=True)
def _no_page_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(tmp_path),
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"{tmp_path}/pages",
        },
    }


PASSWORD = "persona-password-1"


def persona(username: str, unit_code: str, role: str):
    """A staff member with one role in one unit, e.g. persona('officer', 'T01', Role.INFORMATION_OFFICER)."""
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username
    )
    assign_role(user, Unit.objects.get(code=unit_code), role)
    return user


def solve_captcha(html: str) -> dict:
    """Answer the captcha question on a page as a person would: read it and add."""
    from opencounty.core.captcha import NUMBERS

    question = re.search(r"请计算：(\S) 加 (\S) 等于多少", html)
    token = re.search(r'name="captcha_token" value="([^"]+)"', html)
    assert question and token, "the page asks no captcha question"
    answer = NUMBERS.index(question.group(1)) + NUMBERS.index(question.group(2))
    return {"captcha_token": token.group(1), "captcha_answer": str(answer)}


def staff_login(client, username: str, password: str = PASSWORD, ip: str = "127.0.0.1", **extra):
    """Log in on the staff login page (question answered): the response to the form's post."""
    page = client.get("/admin/login/", REMOTE_ADDR=ip).content.decode()
    data = {"username": username, "password": password, "next": "/admin/", **extra}
    return client.post("/admin/login/", data | solve_captcha(page), REMOTE_ADDR=ip)


@pytest.fixture
def chengguan_officer(db):
    """An information officer of 城关镇."""
    return persona("cg_officer", "T01", Role.INFORMATION_OFFICER)


@pytest.fixture
def chengguan_reviewer(db):
    """A reviewer of 城关镇."""
    return persona("cg_reviewer", "T01", Role.REVIEWER)


@pytest.fixture
def qingshi_officer(db):
    """An information officer of 青石镇."""
    return persona("qs_officer", "T02", Role.INFORMATION_OFFICER)


@pytest.fixture
def qingshi_reviewer(db):
    """A reviewer of 青石镇."""
    return persona("qs_reviewer", "T02", Role.REVIEWER)


@pytest.fixture
def county_officer(db):
    """An information officer of the county government (writes for the headline columns)."""
    return persona("county_officer", "000", Role.INFORMATION_OFFICER)


@pytest.fixture
def county_reviewer(db):
    return persona("county_reviewer", "000", Role.REVIEWER)


@pytest.fixture
def office_headline_reviewer(db):
    """A reviewer of the county e-government office, who approves headline items."""
    return persona("office_headline", "001", Role.HEADLINE_REVIEWER)


@pytest.fixture
def auditor(db):
    return persona("office_auditor", "001", Role.AUDIT_ADMINISTRATOR)


@pytest.fixture
def dispatcher(db):
    """A dispatcher (分办人员) of the county e-government office, who routes mailbox letters."""
    return persona("office_dispatcher", "001", Role.INFORMATION_OFFICER)


class _Inbox:
    """Messages received by the test SMTP server, as email.message.Message objects."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Rcpt-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["X-Rcpt-To"]]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free local port; Django's SMTP backend sends to it."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()
