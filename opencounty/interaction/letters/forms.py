from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.core.captcha import CaptchaFormMixin
from opencounty.core.held_uploads import KeepUploadsMixin
from opencounty.core.models import Unit
from opencounty.core.public_forms import PublicFormMixin
from opencounty.core.uploads import MultipleFileField, check_upload
from opencounty.core.validators import clean_phone
from opencounty.interaction.models import Letter

MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_KINDS = ("pdf", "png", "jpeg", "office")


def addressable_units():
    return Unit.objects.filter(kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP])


class LetterForm(PublicFormMixin, KeepUploadsMixin, CaptchaFormMixin):
    """A letter to the county head's mailbox or to a department or township."""

    letter_kind = forms.ChoiceField(
        label=_("来信类型"), choices=Letter.Kind.choices, widget=forms.RadioSelect
    )
    addressed_to = forms.ModelChoiceField(
        label=_("写信对象"),
        queryset=addressable_units(),
        required=False,
        empty_label=_("县长信箱"),
    )
    title = forms.CharField(label=_("标题"), max_length=100)
    content = forms.CharField(
        label=_("来信内容"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000
    )
    attachments = MultipleFileField(
        label=_("附件（选填，最多3个，每个10MB以内，PDF、JPG、PNG、Word、Excel）"), required=False
    )
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    email = forms.EmailField(label=_("电子邮箱（选填，用于接收答复通知）"), required=False)
    may_publish = forms.BooleanField(
        label=_("同意在网站公开来信和答复（个人信息将隐去）"), required=False
    )

    field_order = [
        "letter_kind",
        "addressed_to",
        "title",
        "content",
        "attachments",
        "name",
        "phone",
        "email",
        "may_publish",
        "captcha_answer",
    ]

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean_attachments(self) -> list:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(_("附件最多3个。"))
        for upload in files:
            check_upload(upload, kinds=ATTACHMENT_KINDS, max_bytes=MAX_ATTACHMENT_BYTES)
        return files

    def letter_fields(self):
        return [field for field in self if field.name not in ("captcha_answer", "held_uploads")]


class RatingForm(PublicFormMixin, forms.Form):
    receipt_number = forms.CharField(max_length=40, widget=forms.HiddenInput)
    query_code = forms.CharField(max_length=20, widget=forms.HiddenInput)
    rating = forms.ChoiceField(
        label=_("您对答复的评价"),
        choices=Letter.Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择评价。")},
    )
    comment = forms.CharField(
        label=_("评价意见（选填）"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reopen = forms.BooleanField(label=_("不满意，申请重新办理（限一次）"), required=False)


class LetterFilterForm(PublicFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("答复单位"), queryset=Unit.objects.all(), required=False, empty_label=_("全部单位")
    )
    letter_kind = forms.ChoiceField(
        label=_("来信类型"), choices=[("", _("全部类型")), *Letter.Kind.choices], required=False
    )
