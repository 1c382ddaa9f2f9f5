from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit


class SearchForm(forms.Form):
    q = forms.CharField(label=_("搜索关键词"), max_length=100, required=False)
    unit = forms.ModelChoiceField(
        label=_("发布单位"),
        queryset=Unit.objects.filter(root_page__isnull=False),
        required=False,
        to_field_name="code",
        empty_label=_("全部单位"),
    )
    date_from = forms.DateField(
        label=_("起始日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("截止日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    column = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        return data
