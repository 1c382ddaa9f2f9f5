"""A question anyone can answer and a screen reader can read, with no third-party service.

The form carries a signed token holding a keyed hash of the answer; the answer is
checked on the server, the token expires, and each token is accepted only once
(the database remembers used ones, so several app servers agree and no cache can forget).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.limits import store as limits

SALT = "opencounty.captcha"
MAX_AGE_SECONDS = 30 * 60
NUMBERS = "零一二三四五六七八九十"


def _digest(answer: str, nonce: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{nonce}:{answer}".encode(), hashlib.sha256).hexdigest()


def new_challenge() -> tuple[str, str]:
    """(question, token) for a sum of two small numbers written in Chinese."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    nonce = secrets.token_hex(8)
    question = _("请计算：%(a)s 加 %(b)s 等于多少？（请填写阿拉伯数字）") % {
        "a": NUMBERS[a],
        "b": NUMBERS[b],
    }
    token = signing.dumps({"n": nonce, "d": _digest(str(a + b), nonce)}, salt=SALT)
    return question, token


def check(token: str, answer: str) -> str | None:
    """None when the answer is right and the token fresh and unused; else the error to show."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        return _("验证问题已过期，请回答新的问题。")
    except signing.BadSignature:
        return _("验证问题无效，请回答新的问题。")
    if not hmac.compare_digest(_digest(answer.strip(), data["n"]), data["d"]):
        return _("验证问题回答错误，请重新作答。")
    if not limits.use_once("captcha", data["n"], seconds=MAX_AGE_SECONDS + 60):
        return _("验证问题已使用过，请回答新的问题。")
    return None


class CaptchaFormMixin(forms.Form):
    """Adds the question to a form. Templates render `captcha_answer` with `captcha_question`
    as its label and `captcha_token` as a hidden field."""

    captcha_answer = forms.CharField(
        label=gettext_lazy("验证问题"),
        max_length=4,
        error_messages={"required": gettext_lazy("请回答验证问题。")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.captcha_question, self.captcha_token = new_challenge()
        self.fields["captcha_answer"].label = self.captcha_question

    def clean_captcha_answer(self) -> str:
        answer = self.cleaned_data["captcha_answer"]
        error = check(self.data.get("captcha_token", ""), answer)
        if error:
            raise forms.ValidationError(error)
        return answer
