"""Validators for what the public types in: phone numbers, resident identity numbers
(GB 11643-1999), unified social credit codes (GB 32100-2015), amounts."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")

# GB 11643-1999: 6-digit area, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check.
ID_NUMBER_SHAPE = re.compile(r"^\d{17}[\dX]$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
FIRST_BIRTH_YEAR = 1900

# GB 32100-2015: registering body, kind, 6-digit area, 9-character organisation code, check.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def normalise_code(value: str) -> str:
    """Upper case, without the spaces people type to group digits."""
    return re.sub(r"\s+", "", value or "").upper()


def clean_phone(value: str) -> str:
    phone = value.replace(" ", "")
    if not (MOBILE.match(phone) or LANDLINE.match(phone)):
        raise ValidationError(_("请填写正确的手机号码或固定电话（如 0000-1234567）。"))
    return phone


def id_check_character(first17: str) -> str:
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def clean_id_number(value: str, *, today: date | None = None) -> str:
    """An 18-character resident identity number with a real birth date and the right check digit."""
    number = normalise_code(value)
    if not ID_NUMBER_SHAPE.match(number):
        raise ValidationError(_("居民身份证号码应为18位（前17位为数字，最后一位为数字或X）。"))
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号码中的出生日期不存在，请核对。")) from None
    if born.year < FIRST_BIRTH_YEAR or born > (today or date.today()):
        raise ValidationError(_("身份证号码中的出生日期不正确，请核对。"))
    if id_check_character(number[:17]) != number[17]:
        raise ValidationError(_("身份证号码校验位不正确，请核对后重新填写。"))
    return number


def credit_check_character(first17: str) -> str:
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def clean_credit_code(value: str) -> str:
    """An 18-character unified social credit code with the right check character."""
    code = normalise_code(value)
    if not CREDIT_SHAPE.match(code):
        raise ValidationError(_("统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）。"))
    if credit_check_character(code[:17]) != code[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对后重新填写。"))
    return code


def clean_id_or_credit_code(value: str) -> str:
    """Either a resident identity number or a unified social credit code, told apart by shape."""
    code = normalise_code(value)
    if ID_NUMBER_SHAPE.match(code):
        try:
            return clean_id_number(code)
        except ValidationError:
            # Some credit codes are all digits; one that checks out is not an identity number.
            if CREDIT_SHAPE.match(code) and credit_check_character(code[:17]) == code[17]:
                return code
            raise
    if CREDIT_SHAPE.match(code):
        return clean_credit_code(code)
    raise ValidationError(_("请填写18位身份证号码或统一社会信用代码。"))


def validate_not_negative(value) -> None:
    if value is not None and value < 0:
        raise ValidationError(_("请填写不小于0的数。"))
