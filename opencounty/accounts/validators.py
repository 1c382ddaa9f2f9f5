"""Password rules of our own (AUTH_PASSWORD_VALIDATORS): character classes and history."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class LengthValidator(MinimumLengthValidator):
    """Django's length rule, its message in Chinese (Django's catalogue lacks the new msgid)."""

    def get_error_message(self) -> str:
        return _("密码太短，至少需要 %(n)s 个字符。") % {"n": self.min_length}

    def get_help_text(self) -> str:
        return _("密码至少需要 %(n)s 个字符。") % {"n": self.min_length}


def _classes(password: str) -> int:
    return sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


class CharacterClassesValidator:
    """At least `min_classes` of: lower-case letters, capitals, digits, other characters."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if _classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须包含小写字母、大写字母、数字、符号四类中的至少 %(n)s 类。")
                % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("密码须包含小写字母、大写字母、数字、符号四类中的至少 %(n)s 类。") % {
            "n": self.min_classes
        }


class PasswordHistoryValidator:
    """Not one of the account's last STAFF_PASSWORD_HISTORY passwords (compared with stored
    hashes)."""

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        from opencounty.accounts.models import PasswordHistory

        count = settings.STAFF_PASSWORD_HISTORY
        if count <= 0:
            return
        hashes = list(
            PasswordHistory.objects.filter(user_id=user.pk).values_list("password", flat=True)[
                :count
            ]
        )
        current = (
            get_user_model().objects.filter(pk=user.pk).values_list("password", flat=True).first()
        )
        if current:
            hashes.append(current)
        if any(check_password(password, encoded) for encoded in hashes):
            raise ValidationError(
                _("新密码不能与最近 %(n)s 次使用过的密码相同。") % {"n": count},
                code="password_reused",
            )

    def get_help_text(self) -> str:
        return _("新密码不能与最近 %(n)s 次使用过的密码相同。") % {
            "n": settings.STAFF_PASSWORD_HISTORY
        }
