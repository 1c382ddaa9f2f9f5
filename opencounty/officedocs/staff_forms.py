"""Forms of the staff notices, the directory, the search and the archive export. The verbs
check everything again; the forms give the reason next to the field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.core.models import Unit
from opencounty.core.uploads import MultipleFileField
from opencounty.officedocs import actions
from opencounty.officedocs.forms import SendForm


class NoticeForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("发布单位"), queryset=Unit.objects.none(), empty_label=None
    )
    title = forms.CharField(label=gettext_lazy("标题"), max_length=120)
    body = forms.CharField(label=gettext_lazy("正文"), widget=forms.Textarea(attrs={"rows": 10}))
    groups = forms.MultipleChoiceField(
        label=gettext_lazy("按类别选择"),
        choices=[(key, label) for key, (label, _kinds) in SendForm.GROUPS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("接收单位"),
        queryset=Unit.objects.order_by("kind", "order", "code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    attachments = MultipleFileField(
        label=gettext_lazy("附件"),
        required=False,
        help_text=gettext_lazy("PDF、Word（.docx）、Excel（.xlsx）、PNG、JPG，最多 10 个"),
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()

    def clean_attachments(self) -> list:
        files = self.cleaned_data["attachments"]
        if len(files) > actions.MAX_ATTACHMENTS:
            raise ValidationError(_("附件最多 %(count)s 个。") % {"count": actions.MAX_ATTACHMENTS})
        for upload in files:
            actions.check_attachment(upload)
        return files

    def clean(self):
        cleaned = super().clean()
        chosen = {unit.pk: unit for unit in cleaned.get("units") or []}
        for key in cleaned.get("groups") or []:
            for unit in Unit.objects.filter(kind__in=SendForm.GROUPS[key][1]):
                chosen[unit.pk] = unit
        if not chosen:
            raise ValidationError(_("请至少选择一个接收单位。"))
        cleaned["recipients"] = list(chosen.values())
        return cleaned


class DirectoryHeadForm(forms.Form):
    duty_phone = forms.CharField(label=gettext_lazy("值班电话"), max_length=40, required=False)
    fax = forms.CharField(label=gettext_lazy("传真"), max_length=40, required=False)


class OfficeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("科室"), max_length=60, required=False)
    phone = forms.CharField(label=gettext_lazy("办公电话"), max_length=40, required=False)
    room = forms.CharField(label=gettext_lazy("办公室"), max_length=60, required=False)


class ContactForm(forms.Form):
    office = forms.CharField(label=gettext_lazy("科室"), max_length=60, required=False)
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=40, required=False)
    post = forms.CharField(label=gettext_lazy("职务"), max_length=60, required=False)
    office_phone = forms.CharField(label=gettext_lazy("办公电话"), max_length=40, required=False)
    mobile = forms.CharField(label=gettext_lazy("手机"), max_length=20, required=False)


OfficeFormSet = forms.formset_factory(OfficeForm, extra=3, max_num=200, validate_max=True)
ContactFormSet = forms.formset_factory(ContactForm, extra=5, max_num=200, validate_max=True)


class SearchForm(forms.Form):
    DIRECTIONS = [
        ("", gettext_lazy("收文和发文")),
        ("received", gettext_lazy("收文")),
        ("sent", gettext_lazy("发文")),
    ]
    number = forms.CharField(label=gettext_lazy("发文字号"), max_length=40, required=False)
    title = forms.CharField(label=gettext_lazy("标题"), max_length=120, required=False)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("发文或收文单位"),
        queryset=Unit.objects.order_by("kind", "order", "code"),
        required=False,
        empty_label=gettext_lazy("全部单位"),
    )
    since = forms.DateField(label=gettext_lazy("发出日期自"), required=False)
    until = forms.DateField(label=gettext_lazy("至"), required=False)
    direction = forms.ChoiceField(label=gettext_lazy("范围"), choices=DIRECTIONS, required=False)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise ValidationError(_("起始日期不能晚于截止日期。"))
        return cleaned


class ArchiveForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("单位"), queryset=Unit.objects.none(), empty_label=None
    )
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000)

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Any unit is accepted here (the export itself refuses, in words, a unit not the
        # person's own); only the person's units are offered.
        self.fields["unit"].queryset = Unit.objects.all()
        self.fields["unit"].choices = [(unit.pk, unit.name) for unit in units or []]
        self.fields["year"].initial = timezone.localdate().year

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise ValidationError(
                _("年度应在 2000 年至 %(year)s 年之间。") % {"year": timezone.localdate().year}
            )
        return year
