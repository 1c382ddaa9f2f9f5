from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.accounts.models import StaffProfile
from opencounty.core.validators import MOBILE


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


class StaffMobileForm(forms.ModelForm):
    """The staff member's own mobile number, for reminders by SMS; empty to receive none."""

    class Meta:
        model = StaffProfile
        fields = ["mobile"]
        widgets = {"mobile": forms.TextInput(attrs={"autocomplete": "tel"})}
        help_texts = {"mobile": _("公文催办等提醒短信发送到此号码；不填则不发短信。")}

    def clean_mobile(self) -> str:
        mobile = (self.cleaned_data.get("mobile") or "").replace(" ", "")
        if mobile and not MOBILE.match(mobile):
            raise forms.ValidationError(_("请填写正确的11位手机号码。"))
        return mobile
