"""The public form of 我为政府网站找错."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.core.captcha import CaptchaFormMixin
from opencounty.core.public_forms import PublicFormMixin
from opencounty.core.validators import clean_phone
from opencounty.interaction.error_reports import routing
from opencounty.interaction.models import ErrorReport


class ErrorReportForm(PublicFormMixin, CaptchaFormMixin, forms.Form):
    field_order = [
        "page_url",
        "error_type",
        "description",
        "name",
        "phone",
        "email",
        "captcha_answer",
    ]

    page_url = forms.CharField(
        label=_("出错页面地址"),
        max_length=routing.MAX_ADDRESS_LENGTH,
        error_messages={"required": _("请填写出错页面的地址。")},
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )
    error_type = forms.ChoiceField(
        label=_("错误类型"),
        choices=ErrorReport.ErrorType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择错误类型。")},
    )
    description = forms.CharField(
        label=_("问题描述"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("请写明错误所在的位置和正确的内容，最多2000字。"),
        error_messages={"required": _("请描述您发现的问题。")},
    )
    name = forms.CharField(
        label=_("联系人姓名"),
        max_length=50,
        error_messages={"required": _("请填写联系人姓名。")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        error_messages={"invalid": _("请填写有效的电子邮箱地址。")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, request_host: str = "", base_url: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request_host = request_host
        self.base_url = base_url

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        return clean_phone(phone) if phone else ""

    def clean_page_url(self) -> str:
        try:
            return routing.checked_address(
                self.cleaned_data["page_url"],
                request_host=self.request_host,
                base_url=self.base_url,
            )
        except routing.InvalidReport as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict:
        data = super().clean()
        if not self.has_error("phone") and not self.has_error("email"):
            if not data.get("phone", "").strip() and not data.get("email", "").strip():
                self.add_error("phone", _("联系电话和电子邮箱请至少填写一项，以便答复您。"))
        return data
