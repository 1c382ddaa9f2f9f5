"""Key helpers that settings may import (no Django imports here)."""

import base64
import hashlib


def development_key(secret: str) -> str:
    """A Fernet key derived from the development SECRET_KEY (production must set its own)."""
    digest = hashlib.sha256(("field-encryption:" + secret).encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")


def development_audit_key(secret: str) -> str:
    """The audit log's HMAC key in development and tests, derived from the development
    SECRET_KEY and marked as such; production refuses to start without its own."""
    digest = hashlib.sha256(("audit-hmac-development-only:" + secret).encode("utf-8")).hexdigest()
    return "DEVELOPMENT-ONLY-" + digest
