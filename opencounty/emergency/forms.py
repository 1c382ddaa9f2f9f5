"""Staff forms of emergency duty (all in the Wagtail admin)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.core.public_forms import PublicFormMixin
from opencounty.core.uploads import MultipleFileField, check_upload
from opencounty.core.validators import clean_phone
from opencounty.emergency.models import (
    LEVEL_CRITERIA,
    ContactGroup,
    IncidentLevel,
    IncidentType,
    WarningKind,
    WarningLevel,
)

PHOTO_MAX_BYTES = 10 * 1024 * 1024
PLAN_MAX_BYTES = 20 * 1024 * 1024
MAX_PHOTOS = 10
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class MomentField(forms.DateTimeField):
    """A moment typed in the county's time (<input type="datetime-local">)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault(
            "widget",
            forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        )
        kwargs.setdefault("input_formats", [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"])
        super().__init__(**kwargs)


def _phone(value: str) -> str:
    return clean_phone(value) if value.strip() else ""


class WarningForm(PublicFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("预警类型"), choices=WarningKind.choices)
    level = forms.ChoiceField(label=_("预警级别"), choices=WarningLevel.choices)
    area = forms.CharField(label=_("影响区域"), max_length=200)
    text = forms.CharField(label=_("预警内容"), max_length=1000, widget=forms.Textarea)
    valid_until = MomentField(label=_("有效期至"))
    sms_units = forms.ModelMultipleChoiceField(
        label=_("短信发送单位"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sms_groups = forms.MultipleChoiceField(
        label=_("短信发送人员"),
        choices=ContactGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sms_units"].queryset = units
        self.fields["sms_units"].label_from_instance = lambda unit: unit.short_name

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value <= timezone.now():
            raise ValidationError(_("有效期必须晚于当前时间。"))
        return value


class ShiftForm(PublicFormMixin, forms.Form):
    day = forms.DateField(
        label=_("值班日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    leader_name = forms.CharField(label=_("带班领导"), max_length=50, required=False)
    leader_phone = forms.CharField(label=_("带班领导电话"), max_length=40, required=False)
    staff_name = forms.CharField(label=_("值班人员"), max_length=50, required=False)
    staff_phone = forms.CharField(label=_("值班电话"), max_length=40, required=False)

    def clean_leader_phone(self):
        return _phone(self.cleaned_data["leader_phone"])

    def clean_staff_phone(self):
        return _phone(self.cleaned_data["staff_phone"])

    def clean(self):
        data = super().clean()
        if data.get("staff_name") and not data.get("staff_phone"):
            self.add_error("staff_phone", _("请填写值班电话。"))
        return data


class HandoverForm(PublicFormMixin, forms.Form):
    day = forms.DateField(
        label=_("值班日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    text = forms.CharField(label=_("交接内容"), max_length=2000, widget=forms.Textarea)


class ContactForm(PublicFormMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    position = forms.CharField(label=_("职务"), max_length=50, required=False)
    group = forms.ChoiceField(label=_("分组"), choices=ContactGroup.choices)
    mobile = forms.CharField(label=_("手机号码"), max_length=20)
    office_phone = forms.CharField(label=_("办公电话"), max_length=40, required=False)

    def clean_mobile(self):
        return clean_phone(self.cleaned_data["mobile"])

    def clean_office_phone(self):
        return _phone(self.cleaned_data["office_phone"])


class PlanForm(PublicFormMixin, forms.Form):
    title = forms.CharField(label=_("预案名称"), max_length=200)
    category = forms.ChoiceField(
        label=_("事件类型"), choices=[("", "—"), *IncidentType.choices], required=False
    )
    file = forms.FileField(label=_("预案文件（PDF 或 Word）"))
    note = forms.CharField(label=_("修订说明"), max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, kinds=("pdf", "office"), max_bytes=PLAN_MAX_BYTES)
        return upload


def level_help() -> str:
    return " ".join(f"{label}：{LEVEL_CRITERIA[value]}" for value, label in IncidentLevel.choices)


class _ReportFields(PublicFormMixin, forms.Form):
    text = forms.CharField(label=_("事件情况"), max_length=5000, widget=forms.Textarea)
    measures = forms.CharField(
        label=_("已采取措施"), max_length=3000, widget=forms.Textarea, required=False
    )
    deaths = forms.IntegerField(label=_("死亡人数"), min_value=0, max_value=100000, initial=0)
    injured = forms.IntegerField(label=_("受伤人数"), min_value=0, max_value=100000, initial=0)
    missing = forms.IntegerField(label=_("失踪人数"), min_value=0, max_value=100000, initial=0)


class IncidentForm(_ReportFields):
    """A unit's report of a new incident, with the written first report."""

    unit = forms.ModelChoiceField(label=_("报送单位"), queryset=None)
    title = forms.CharField(label=_("事件标题"), max_length=200)
    incident_type = forms.ChoiceField(label=_("事件类型"), choices=IncidentType.choices)
    level = forms.ChoiceField(label=_("事件级别"), choices=IncidentLevel.choices)
    occurred_at = MomentField(label=_("发生时间"))
    place = forms.CharField(label=_("发生地点"), max_length=200)
    phoned_at = MomentField(label=_("电话报告时间"), required=False)
    photos = MultipleFileField(label=_("现场照片（PNG 或 JPG）"), required=False)

    field_order = [
        "unit",
        "title",
        "incident_type",
        "level",
        "occurred_at",
        "place",
        "phoned_at",
        "text",
        "measures",
        "deaths",
        "injured",
        "missing",
        "photos",
    ]

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units is not None and len(units) == 1:
            self.fields["unit"].initial = units[0]
            self.fields["unit"].empty_label = None
        self.fields["level"].help_text = level_help()
        self.fields["text"].required = False
        self.fields["text"].help_text = _(
            "书面首报须在事件发生后 %(minutes)s 分钟内报送；仅登记电话报告时可暂不填写。"
        ) % {"minutes": settings.EMERGENCY_FIRST_REPORT_MINUTES}

    def clean_photos(self):
        return _checked_photos(self.cleaned_data["photos"])


def _checked_photos(photos: list) -> list:
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("最多上传 %(n)s 张照片。") % {"n": MAX_PHOTOS})
    for photo in photos:
        check_upload(photo, kinds=("png", "jpeg"), max_bytes=PHOTO_MAX_BYTES)
    return photos


class PhotoForm(PublicFormMixin, forms.Form):
    """More photos for the latest report (the engine's report forms carry text only)."""

    photos = MultipleFileField(label=_("现场照片（PNG 或 JPG）"))

    def clean_photos(self):
        return _checked_photos(self.cleaned_data["photos"])


class ReportForm(_ReportFields):
    """A written report on the engine's detail screen (首报, 续报, 终报)."""

    def __init__(self, *args, incident=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if incident is not None:
            for name in ("deaths", "injured", "missing"):
                self.fields[name].initial = getattr(incident, name)


class InstructionForm(PublicFormMixin, forms.Form):
    leader = forms.CharField(label=_("批示领导"), max_length=50)
    text = forms.CharField(label=_("批示内容"), max_length=2000, widget=forms.Textarea)
