from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("动态口令"),
        max_length=12,
        help_text=_("打开手机上的身份验证器应用，输入显示的6位数字。"),
        error_messages={"required": _("请输入动态口令。")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not (len(token) == 6 and token.isascii() and token.isdigit()):
            raise forms.ValidationError(_("动态口令是6位数字，请重新输入。"))
        return token
