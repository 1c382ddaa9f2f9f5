"""Validators for what the public types in (Chinese phone numbers)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def clean_phone(value: str) -> str:
    phone = value.replace(" ", "")
    if not (MOBILE.match(phone) or LANDLINE.match(phone)):
        raise ValidationError(_("请填写正确的手机号码或固定电话（如 0000-1234567）。"))
    return phone
