"""Key helpers that settings may import (no Django imports here)."""

import base64
import hashlib


def development_key(secret: str) -> str:
    """A Fernet key derived from the development SECRET_KEY (production must set its own)."""
    digest = hashlib.sha256(("field-encryption:" + secret).encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")
