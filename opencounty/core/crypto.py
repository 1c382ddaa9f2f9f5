"""Personal information encrypted at rest (identity numbers, phone numbers).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256) from the
`cryptography` package. FIELD_ENCRYPTION_KEYS holds one or more keys: the first
encrypts, every one is tried to decrypt, so keys can be rotated.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

PREFIX = "enc1:"


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def _fernet() -> MultiFernet:
    """The key objects, made once per set of configured keys (a rotation makes a new set)."""
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(plain: str) -> str:
    return PREFIX + _fernet().encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    try:
        return _fernet().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("encrypted with a key that is not configured") from exc


def blind_index(plain: str) -> str:
    """A keyed hash to find equal values (a repeat applicant) without decrypting anything."""
    key = settings.FIELD_ENCRYPTION_KEYS[0].encode("ascii")
    return hmac.new(key, plain.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text field stored encrypted; it cannot be filtered on (use a blind index for that)."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)
