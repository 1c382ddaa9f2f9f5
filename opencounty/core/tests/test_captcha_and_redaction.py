import re

import pytest
from django import forms

from opencounty.core.captcha import NUMBERS, CaptchaFormMixin
from opencounty.core.masking import redact


class LetterLikeForm(CaptchaFormMixin):
    text = forms.CharField()


def solve(question: str) -> str:
    a, b = re.search(r"：(\S) 加 (\S) 等于", question).groups()
    return str(NUMBERS.index(a) + NUMBERS.index(b))


@pytest.mark.django_db
def test_the_right_answer_passes_once_and_only_once(settings):
    blank = LetterLikeForm()
    data = {
        "text": "x",
        "captcha_token": blank.captcha_token,
        "captcha_answer": solve(blank.captcha_question),
    }
    assert LetterLikeForm(data).is_valid()
    replay = LetterLikeForm(data)
    assert not replay.is_valid()
    assert replay.errors["captcha_answer"] == ["验证问题已使用过，请回答新的问题。"]


def test_a_wrong_answer_or_a_forged_token_is_refused():
    blank = LetterLikeForm()
    wrong = str(int(solve(blank.captcha_question)) + 1)
    form = LetterLikeForm(
        {"text": "x", "captcha_token": blank.captcha_token, "captcha_answer": wrong}
    )
    assert form.errors["captcha_answer"] == ["验证问题回答错误，请重新作答。"]
    forged = LetterLikeForm({"text": "x", "captcha_token": "abc:def", "captcha_answer": "3"})
    assert forged.errors["captcha_answer"] == ["验证问题无效，请回答新的问题。"]
    missing = LetterLikeForm({"text": "x", "captcha_token": blank.captcha_token})
    assert missing.errors["captcha_answer"] == ["请回答验证问题。"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("我叫张三丰，电话13812345678。", "我叫张**，电话[手机号已隐去]。"),
        ("身份证110101199003071234，座机0571-88886666", "身份证[身份证号已隐去]，座机[电话已隐去]"),
        ("邮箱 zhang@example.com 联系", "邮箱 [邮箱已隐去] 联系"),
        ("道路编号 2026 不变", "道路编号 2026 不变"),
    ],
)
def test_personal_data_is_removed_before_publication(text, expected):
    assert redact(text, ("张三丰",)) == expected
