"""Forms of the catalogue's staff screens and the public catalogue's filter."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit
from opencounty.core.public_forms import PublicFormMixin
from opencounty.datacatalogue.actions import FIELDS, Item
from opencounty.datacatalogue.models import DataItem, Resource, SharingRequest

MAX_ITEMS = 200
_SEPARATORS = re.compile(r"\s*[,，、\t]\s*")
TYPE_NAMES = {str(label): value for value, label in DataItem.Type.choices}


def parse_items(text: str) -> list[Item]:
    """One data item a line: 名称，类型，长度 (the length may be left out)."""
    items = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_ITEMS:
        raise forms.ValidationError(_gettext("信息项最多 %(n)d 个。") % {"n": MAX_ITEMS})
    for number, line in enumerate(lines, start=1):
        parts = _SEPARATORS.split(line)
        where = _gettext("第 %(n)d 行") % {"n": number}
        if len(parts) not in (2, 3) or not parts[0]:
            raise forms.ValidationError(
                _gettext("%(where)s应为“名称，类型，长度”。") % {"where": where}
            )
        name = parts[0][:60]
        data_type = TYPE_NAMES.get(parts[1])
        if data_type is None:
            raise forms.ValidationError(
                _gettext("%(where)s的类型应为%(types)s之一。")
                % {"where": where, "types": "、".join(TYPE_NAMES)}
            )
        length = None
        if len(parts) == 3 and parts[2]:
            if not parts[2].isdigit() or not 0 < int(parts[2]) <= 100000:
                raise forms.ValidationError(
                    _gettext("%(where)s的长度应为 1 至 100000 的整数。") % {"where": where}
                )
            length = int(parts[2])
        items.append(Item(name=name, data_type=data_type, length=length))
    return items


def items_text(resource: Resource) -> str:
    return "\n".join(
        "，".join([i.name, i.get_data_type_display()] + ([str(i.length)] if i.length else []))
        for i in resource.items.all()
    )


class ResourceForm(forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("提供单位"), queryset=Unit.objects.none())
    items_text = forms.CharField(
        label=_("信息项"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "每行一个信息项：名称，类型，长度。类型为字符型、数值型、整数型、日期型、日期时间型或布尔型；长度可不填。"
        ),
        error_messages={"required": _("请至少登记一个信息项。")},
    )

    class Meta:
        model = Resource
        fields = list(FIELDS)
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"keywords": _("用逗号分隔，如：教育，学校")}

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:
            self.fields["unit"].initial = units[0]
        self.order_fields(["unit", *FIELDS, "items_text"])

    def clean_items_text(self) -> list[Item]:
        return parse_items(self.cleaned_data["items_text"])

    def clean(self):
        data = super().clean()
        if data.get("sharing") in (Resource.Sharing.CONDITIONAL, Resource.Sharing.NONE):
            if not (data.get("sharing_condition") or "").strip():
                self.add_error(
                    "sharing_condition", _("有条件共享和不予共享的资源须写明条件或理由。")
                )
            if not (data.get("sharing_basis") or "").strip():
                self.add_error("sharing_basis", _("有条件共享和不予共享的资源须写明依据。"))
        return data

    def action_data(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in FIELDS}


class UploadForm(forms.Form):
    data_file = forms.FileField(
        label=_("数据文件（CSV 或 XLSX）"),
        error_messages={"required": _("请选择要上传的数据文件。")},
    )

    def clean_data_file(self):
        upload = self.cleaned_data["data_file"]
        if upload.size > settings.DATA_FILE_MAX_BYTES:
            raise forms.ValidationError(_("数据文件过大。"))
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("退回理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("退回须写明理由。")},
    )


class SharingRequestForm(forms.Form):
    requesting_unit = forms.ModelChoiceField(label=_("申请单位"), queryset=Unit.objects.none())
    purpose = forms.CharField(
        label=_("用途"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请写明数据用途。")},
    )
    delivery = forms.ChoiceField(
        label=_("共享方式"),
        choices=SharingRequest.Delivery.choices,
        widget=forms.RadioSelect,
        initial=SharingRequest.Delivery.DOWNLOAD,
    )

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requesting_unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:
            self.fields["requesting_unit"].initial = units[0]


class CatalogueFilterForm(PublicFormMixin, forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    unit = forms.ModelChoiceField(
        label=_("提供单位"), required=False, queryset=Unit.objects.none(), empty_label=_("全部单位")
    )
    classification = forms.ChoiceField(
        label=_("资源分类"),
        required=False,
        choices=[("", _("全部分类")), *Resource.Classification.choices],
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
