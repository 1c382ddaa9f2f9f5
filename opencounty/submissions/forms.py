"""Forms of the submissions screens. They only read input; the actions decide and explain."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.cases.forms import EventDateField
from opencounty.core.uploads import check_upload
from opencounty.submissions.actions import BODY_MAX, REASON_MAX, TITLE_MAX
from opencounty.submissions.models import (
    Bulletin,
    BulletinIssue,
    Category,
    Level,
    Submission,
    Urgency,
)
from opencounty.submissions.scoring import PERIODS

ATTACHMENT_KINDS = ("pdf", "png", "jpeg", "office")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


class SubmissionForm(forms.Form):
    unit = forms.ChoiceField(label=_("报送单位"))
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("正文"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("每段一行；不超过两万字。"),
    )
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)
    urgency = forms.ChoiceField(
        label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL
    )
    hot = forms.BooleanField(
        label=_("热点难点"), required=False, help_text=_("热点难点信息由本单位分管领导审签。")
    )
    keywords = forms.CharField(label=_("关键词"), max_length=100, required=False)
    event_at = forms.DateTimeField(
        label=_("事件发生时间"),
        required=False,
        input_formats=[LOCAL_MINUTE, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
        help_text=_("专报必填，专报须在事件发生后规定时限内报送。"),
    )
    source_note = forms.CharField(
        label=_("原始痕迹资料说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("要情、调研、专报须附原始痕迹资料：上传附件或在此说明。"),
    )
    attachment = forms.FileField(
        label=_("原始痕迹资料附件"),
        required=False,
        help_text=_("PDF、图片或 Word/Excel 文件，不超过 10 MB。"),
    )

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["unit"].choices = [(pk, unit.name) for pk, unit in self.units.items()]
        if len(self.units) <= 1:
            self.fields["unit"].required = False
            self.fields["unit"].widget = forms.HiddenInput()

    def clean_unit(self):
        value = self.cleaned_data.get("unit")
        if not value and len(self.units) == 1:
            return next(iter(self.units.values()))
        if value not in self.units:
            raise forms.ValidationError(_("请选择报送单位。"))
        return self.units[value]

    def clean_event_at(self):
        value = self.cleaned_data.get("event_at")
        if value and value > timezone.now():
            raise forms.ValidationError(_("事件发生时间不能晚于现在。"))
        return value

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_upload(upload, kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)
        return upload

    def action_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
                "title",
                "body",
                "category",
                "urgency",
                "hot",
                "keywords",
                "source_note",
                "event_at",
            )
        }

    @classmethod
    def initial_for(cls, item: Submission) -> dict:
        return {
            "unit": str(item.unit_id),
            "title": item.title,
            "body": item.body,
            "category": item.category,
            "urgency": item.urgency,
            "hot": item.hot,
            "keywords": item.keywords,
            "source_note": item.source_note,
            "event_at": timezone.localtime(item.event_at) if item.event_at else None,
        }


class FilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("单位"), queryset=None, required=False, empty_label=_("全部单位")
    )
    category = forms.ChoiceField(
        label=_("类别"), required=False, choices=[("", _("全部类别")), *Category.choices]
    )
    state = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部状态")), *Submission.State.choices]
    )
    start = forms.DateField(
        label=_("起始日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("截止日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class AdoptedTextForm(forms.Form):
    title = forms.CharField(label=_("采用标题"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("采用正文"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 12})
    )


class AdoptForm(forms.Form):
    issue = forms.ModelChoiceField(
        label=_("采用到"), queryset=BulletinIssue.objects.none(), empty_label=None
    )
    adopted_on = EventDateField(label=_("采用日期"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = BulletinIssue.objects.filter(
            state=BulletinIssue.State.DRAFT
        )


class MergeForm(forms.Form):
    others = forms.ModelMultipleChoiceField(
        label=_("合并以下信息到本条"),
        queryset=Submission.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, lead: Submission, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["others"].queryset = (
            Submission.objects.filter(state=Submission.State.SUBMITTED, merged_items__isnull=True)
            .exclude(pk=lead.pk)
            .select_related("unit")
            .order_by("-submitted_at")
        )
        self.fields["others"].label_from_instance = lambda s: (
            f"{s.reference} {s.unit.short_name}：{s.title}"
        )


class UpwardForm(forms.Form):
    level = forms.ChoiceField(label=_("采用级别"), choices=Level.choices)
    adopted_on = EventDateField(label=_("日期"))
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class IssueForm(forms.Form):
    bulletin = forms.ChoiceField(label=_("刊物"), choices=Bulletin.choices)
    issued_on = EventDateField(label=_("编发日期"))


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("统计周期"), choices=list(PERIODS.items()), initial="year")
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    part = forms.IntegerField(
        label=_("季度或月份"), min_value=1, max_value=12, initial=1, required=False
    )

    def clean(self):
        data = super().clean()
        limit = {"year": 12, "quarter": 4, "month": 12}.get(data.get("kind"), 12)
        if (data.get("part") or 1) > limit:
            self.add_error("part", _("季度应为 1 至 4。"))
        return data
