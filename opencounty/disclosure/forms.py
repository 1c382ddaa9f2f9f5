from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.core.held_uploads import KeepUploadsMixin
from opencounty.core.public_forms import PublicFormMixin
from opencounty.core.uploads import check_upload
from opencounty.core.validators import clean_credit_code, clean_id_number, clean_phone
from opencounty.disclosure.models import DisclosureRequest

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_TYPES = (".jpg", ".jpeg", ".png", ".pdf")


class DisclosureApplicationForm(PublicFormMixin, KeepUploadsMixin, forms.Form):
    """The online application (条例 Art. 29); every field a citizen fills, checked with a Chinese message."""

    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), choices=DisclosureRequest.ApplicantType.choices
    )
    name = forms.CharField(label=_("姓名（组织填写联系人）"), max_length=50)
    # Ends in the case's submitter_name (100 characters) as well as in the request.
    organisation_name = forms.CharField(label=_("单位名称"), max_length=100, required=False)
    legal_representative = forms.CharField(
        label=_("法定代表人或负责人"), max_length=50, required=False
    )
    id_type = forms.ChoiceField(label=_("证件类型"), choices=DisclosureRequest.IdType.choices)
    id_number = forms.CharField(label=_("证件号码"), max_length=40)
    id_document = forms.FileField(
        label=_("证件扫描件或照片（JPG、PNG、PDF，5MB以内）"), required=False
    )
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    postal_address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("邮政编码"),
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": _("邮政编码应为6位数字。")},
    )
    description = forms.CharField(
        label=_("所需信息的内容描述"), widget=forms.Textarea(attrs={"rows": 5}), max_length=2000
    )
    document_number = forms.CharField(
        label=_("文件名称、文号或其他特征描述（选填）"), max_length=200, required=False
    )
    form_wanted = forms.ChoiceField(
        label=_("获取信息的载体形式"),
        choices=DisclosureRequest.FormWanted.choices,
        widget=forms.RadioSelect,
    )
    delivery = forms.ChoiceField(
        label=_("获取信息的方式"),
        choices=DisclosureRequest.Delivery.choices,
        widget=forms.RadioSelect,
    )

    # Shown only when the request would cost a processing fee (the 11th and later this month).
    accept_fee = forms.BooleanField(
        label=_("我已阅读并同意按上述标准缴纳信息处理费"), required=False
    )
    quoted_fee = forms.DecimalField(required=False, widget=forms.HiddenInput)

    FEE_FIELDS = ("accept_fee", "quoted_fee")

    def application_fields(self):
        """The fields drawn in the main loop (the fee and the held-files token are drawn apart)."""
        apart = (*self.FEE_FIELDS, "held_uploads")
        return [field for field in self if field.name not in apart]

    def accepted_fee(self):
        """The amount the applicant agreed to, or None when they have not agreed."""
        return self.cleaned_data.get("quoted_fee") if self.cleaned_data.get("accept_fee") else None

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean_id_document(self):
        upload = self.cleaned_data.get("id_document")
        if upload is None:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件不能超过5MB。"))
        if not upload.name.lower().endswith(UPLOAD_TYPES):
            raise forms.ValidationError(_("只接受 JPG、PNG 或 PDF 文件。"))
        check_upload(upload, kinds=("jpeg", "png", "pdf"), max_bytes=MAX_UPLOAD_BYTES)
        return upload

    def clean(self):
        data = super().clean()
        kind, number = data.get("id_type"), (data.get("id_number") or "").strip().upper()
        checks = {
            DisclosureRequest.IdType.ID_CARD: clean_id_number,
            DisclosureRequest.IdType.CREDIT_CODE: clean_credit_code,
        }
        if number and kind in checks:
            try:
                number = checks[kind](number)
            except forms.ValidationError as exc:
                self.add_error("id_number", exc)
        data["id_number"] = number
        is_organisation = data.get("applicant_type") not in (
            None,
            DisclosureRequest.ApplicantType.NATURAL_PERSON,
        )
        if is_organisation and not data.get("organisation_name"):
            self.add_error("organisation_name", _("法人或其他组织申请时，请填写单位名称。"))
        if is_organisation and not data.get("legal_representative"):
            self.add_error("legal_representative", _("请填写法定代表人或负责人。"))
        if data.get("delivery") == DisclosureRequest.Delivery.EMAIL and not data.get("email"):
            self.add_error("email", _("选择电子邮件获取时，请填写电子邮箱。"))
        if data.get("delivery") == DisclosureRequest.Delivery.POST and not data.get(
            "postal_address"
        ):
            self.add_error("postal_address", _("选择邮寄时，请填写通信地址。"))
        return data
