"""Masking of personal information wherever it is shown (手机号、身份证号、姓名)."""

from __future__ import annotations

import re


def _mask(value: str, keep_start: int, keep_end: int) -> str:
    value = (value or "").strip()
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + (value[-keep_end:] if keep_end else "")


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678."""
    return _mask(phone, 3, 4)


def mask_id_number(number: str) -> str:
    """An identity number keeps its first 4 and last 4 characters."""
    return _mask(number, 4, 4)


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳小明 → 欧***."""
    return _mask(name, 1, 0)


_PERSONAL_PATTERNS = [
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"), "[身份证号已隐去]"),
    (re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), "[手机号已隐去]"),
    (re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)"), "[电话已隐去]"),
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[邮箱已隐去]"),
]


def redact(text: str, names: tuple[str, ...] = ()) -> str:
    """Text for publication with identity numbers, phone numbers, e-mail addresses and the
    given personal names taken out (names become their masked form)."""
    result = text or ""
    for pattern, replacement in _PERSONAL_PATTERNS:
        result = pattern.sub(replacement, result)
    for name in sorted(
        {n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True
    ):
        result = result.replace(name, mask_name(name))
    return result
