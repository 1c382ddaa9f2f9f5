import os
import subprocess
import sys

import pytest

from opencounty.env import EnvError, env_bool


def _import_settings(**env):
    environment = {**os.environ, **env}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-c", "import opencounty.settings"],
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_refuses_the_development_secret_key():
    result = _import_settings(OPENCOUNTY_ENV="production", SECRET_KEY="development-only-not-secret")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = _import_settings(OPENCOUNTY_ENV="production", SECRET_KEY="x" * 50, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


FERNET_KEY = "p2m6k4Qm0dV8iE5m9Zp8y3X6wYg7aVb1cD2eF3gH4iE="


def test_production_refuses_to_run_without_a_field_encryption_key():
    result = _import_settings(OPENCOUNTY_ENV="production", SECRET_KEY="x" * 50, DEBUG="false")
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY" in result.stderr


AUDIT_KEY = "a" * 64


def test_production_refuses_to_run_without_an_audit_key():
    result = _import_settings(
        OPENCOUNTY_ENV="production", SECRET_KEY="x" * 50, FIELD_ENCRYPTION_KEY=FERNET_KEY
    )
    assert result.returncode != 0
    assert "AUDIT_HMAC_KEY" in result.stderr


def test_production_refuses_the_secret_key_as_audit_key():
    result = _import_settings(
        OPENCOUNTY_ENV="production",
        SECRET_KEY="x" * 50,
        FIELD_ENCRYPTION_KEY=FERNET_KEY,
        AUDIT_HMAC_KEY="x" * 50,
    )
    assert result.returncode != 0
    assert "AUDIT_HMAC_KEY" in result.stderr


def test_production_refuses_an_audit_key_file_others_can_read(tmp_path):
    key_file = tmp_path / "audit-hmac.key"
    key_file.write_text(AUDIT_KEY)
    key_file.chmod(0o644)
    env = {
        "OPENCOUNTY_ENV": "production",
        "SECRET_KEY": "x" * 50,
        "FIELD_ENCRYPTION_KEY": FERNET_KEY,
        "AUDIT_HMAC_KEY_FILE": str(key_file),
    }
    result = _import_settings(**env)
    assert result.returncode != 0
    assert "0600" in result.stderr
    key_file.chmod(0o600)
    result = _import_settings(**env)
    assert result.returncode == 0, result.stderr


def test_development_marks_its_derived_audit_key():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from opencounty import settings as s; print(s.AUDIT_HMAC_KEY_IS_DEVELOPMENT, s.AUDIT_HMAC_KEY[:17])",
        ],
        env={k: v for k, v in os.environ.items() if not k.startswith("AUDIT_HMAC_KEY")},
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == ["True", "DEVELOPMENT-ONLY-"]


def test_production_starts_with_its_own_keys():
    result = _import_settings(
        OPENCOUNTY_ENV="production",
        SECRET_KEY="x" * 50,
        DEBUG="false",
        FIELD_ENCRYPTION_KEY=FERNET_KEY,
        AUDIT_HMAC_KEY=AUDIT_KEY,
    )
    assert result.returncode == 0, result.stderr


def test_a_boolean_that_is_neither_true_nor_false_raises(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(EnvError):
        env_bool("SOME_FLAG", False)


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "flag"
    secret.write_text("yes\n")
    monkeypatch.setenv("SOME_FLAG_FILE", str(secret))
    assert env_bool("SOME_FLAG", False) is True


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start():
    result = _import_settings(TRUSTED_PROXIES="127.0.0.1, nginx.local")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr and "nginx.local" in result.stderr
    assert _import_settings(TRUSTED_PROXIES="127.0.0.1, ::1, 10.0.0.0/8").returncode == 0
