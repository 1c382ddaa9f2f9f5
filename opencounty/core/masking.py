"""Masking of personal information wherever it is shown (手机号、身份证号、姓名)."""

from __future__ import annotations


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
