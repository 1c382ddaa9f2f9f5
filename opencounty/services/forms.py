"""Public forms: the online application built from the item's own fields and materials,
the supplement after a one-time notice, the evaluation and the appeal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.core.captcha import CaptchaFormMixin
from opencounty.core.held_uploads import KeepUploadsMixin
from opencounty.core.public_forms import PublicFormMixin
from opencounty.core.uploads import MultipleFileField, check_upload
from opencounty.core.validators import (
    MOBILE,
    clean_id_or_credit_code,
    clean_phone,
    validate_not_negative,
)
from opencounty.services.actions import RATING_LABELS
from opencounty.services.models import ServiceFormField, ServiceItemPage

MATERIAL_KINDS = ("pdf", "png", "jpeg", "office")
MAX_MATERIAL_BYTES = 10 * 1024 * 1024
MAX_SUPPLEMENT_FILES = 5
FIELD_PREFIX = "data_"
MATERIAL_PREFIX = "material_"


def _form_field(spec: ServiceFormField) -> forms.Field:
    common = {"label": spec.label, "required": spec.required, "help_text": spec.help_text}
    kind = ServiceFormField.FieldType
    if spec.field_type == kind.TEXTAREA:
        return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if spec.field_type == kind.NUMBER:
        return forms.DecimalField(
            max_digits=14, decimal_places=2, validators=[validate_not_negative], **common
        )
    if spec.field_type == kind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if spec.field_type == kind.CHOICE:
        options = [c.strip() for c in spec.choices.split("、") if c.strip()]
        return forms.ChoiceField(
            choices=[(o, o) for o in options], widget=forms.RadioSelect, **common
        )
    return forms.CharField(max_length=200, **common)


# An item's own field that asks again for what the applicant block already has.
APPLICANT_NAMES = {"applicant", "name", "phone", "id_number", "email", "mobile", "telephone"}
APPLICANT_LABELS = {
    "申请人名称",
    "申请人（单位）名称",
    "申请人(单位)名称",
    "申请人姓名",
    "申请人姓名或单位名称",
    "姓名",
    "联系电话",
    "电话",
    "手机",
    "手机号码",
    "身份证号码",
    "证件号码",
    "统一社会信用代码",
    "电子邮箱",
}


def asks_again(spec: ServiceFormField) -> bool:
    label = "".join(str(spec.label).split()).rstrip("：:*")
    return spec.name in APPLICANT_NAMES or label in APPLICANT_LABELS


def _json_value(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "" if value is None else str(value)


class ApplicationForm(PublicFormMixin, KeepUploadsMixin, CaptchaFormMixin):
    """The applicant, the item's own fields, one upload per material, the captcha."""

    name = forms.CharField(label=_("申请人姓名或单位名称"), max_length=100)
    id_number = forms.CharField(
        label=_("身份证号码或统一社会信用代码"),
        max_length=18,
        error_messages={"max_length": _("证件号码应为18位。")},
    )
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    email = forms.EmailField(label=_("电子邮箱（选填，用于接收办理通知）"), required=False)
    send_code_by_sms = forms.BooleanField(
        label=_("用短信把受理编号和查询码发送到上面的手机号码"), required=False
    )
    send_code_by_email = forms.BooleanField(
        label=_("用电子邮件把受理编号和查询码发送到上面的邮箱"), required=False
    )
    RECEIPT_CHOICES = ("send_code_by_sms", "send_code_by_email")

    def __init__(self, item: ServiceItemPage, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        self.specs = [spec for spec in item.form_fields.all() if not asks_again(spec)]
        self.materials = list(item.materials.all())
        for spec in self.specs:
            self.fields[FIELD_PREFIX + spec.name] = _form_field(spec)
        for material in self.materials:
            self.fields[MATERIAL_PREFIX + str(material.pk)] = forms.FileField(
                label=material.name,
                required=material.required,
                help_text=_("PDF、JPG、PNG、Word 或 Excel，10MB 以内"),
                error_messages={"required": _("请上传“%(name)s”。") % {"name": material.name}},
            )
        self.order_fields(
            ["name", "id_number", "phone", "email", *self.RECEIPT_CHOICES]
            + [FIELD_PREFIX + s.name for s in self.specs]
            + [MATERIAL_PREFIX + str(m.pk) for m in self.materials]
            + ["held_uploads", "captcha_answer"]
        )

    def clean_id_number(self) -> str:
        return clean_id_or_credit_code(self.cleaned_data["id_number"])

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        if data.get("send_code_by_sms") and not MOBILE.match(data.get("phone") or ""):
            self.add_error(
                "send_code_by_sms", _("短信只能发送到手机号码，请填写手机号码或取消勾选。")
            )
        if data.get("send_code_by_email") and not data.get("email"):
            self.add_error("send_code_by_email", _("请填写电子邮箱，或取消勾选。"))
        for material in self.materials:
            key = MATERIAL_PREFIX + str(material.pk)
            upload = data.get(key)
            if upload:
                try:
                    check_upload(upload, kinds=MATERIAL_KINDS, max_bytes=MAX_MATERIAL_BYTES)
                except forms.ValidationError as exc:
                    self.add_error(key, exc)
        return data

    def form_data(self) -> dict:
        """The item's fields as structured data (stored as JSON on the application)."""
        return {
            spec.name: _json_value(self.cleaned_data.get(FIELD_PREFIX + spec.name))
            for spec in self.specs
        }

    def uploads(self) -> list:
        return [
            (material, material.name, self.cleaned_data[MATERIAL_PREFIX + str(material.pk)])
            for material in self.materials
            if self.cleaned_data.get(MATERIAL_PREFIX + str(material.pk))
        ]

    def applicant_fields(self):
        return [self[n] for n in ("name", "id_number", "phone", "email", *self.RECEIPT_CHOICES)]

    def item_fields(self):
        return [self[FIELD_PREFIX + s.name] for s in self.specs]

    def material_fields(self):
        return [self[MATERIAL_PREFIX + str(m.pk)] for m in self.materials]


class ProofForm(PublicFormMixin, forms.Form):
    """The receipt number and query code, carried over from the lookup page."""

    receipt_number = forms.CharField(max_length=40, widget=forms.HiddenInput)
    query_code = forms.CharField(max_length=20, widget=forms.HiddenInput)


class SupplementForm(ProofForm):
    note = forms.CharField(
        label=_("补正说明"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    files = MultipleFileField(label=_("补正材料（最多5个，每个10MB以内）"), required=False)

    def clean_files(self) -> list:
        files = self.cleaned_data.get("files") or []
        if len(files) > MAX_SUPPLEMENT_FILES:
            raise forms.ValidationError(_("补正材料最多5个。"))
        for upload in files:
            check_upload(upload, kinds=MATERIAL_KINDS, max_bytes=MAX_MATERIAL_BYTES)
        return files


RATING_CHOICES = [(str(v), f"{v} {label}") for v, label in sorted(RATING_LABELS.items())]


def _rating_field(label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("请对“%(label)s”作出评价。") % {"label": label}},
    )


class EvaluationForm(ProofForm):
    overall = _rating_field(_("总体满意度"))
    efficiency = _rating_field(_("办事效率"))
    guide = _rating_field(_("办事指南准确性"))
    convenience = _rating_field(_("办事便利程度"))
    comment = forms.CharField(
        label=_("评价意见（选填）"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AppealForm(ProofForm):
    text = forms.CharField(
        label=_("申诉理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
