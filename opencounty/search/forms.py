from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from opencounty.core.models import Unit
from opencounty.core.public_forms import PublicFormMixin
from opencounty.search import synonyms
from opencounty.search.models import split_expansions


class SearchForm(PublicFormMixin, forms.Form):
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


MAX_EXPANSIONS = 8
TERM_CHARS = (2, 20)
EXPANSION_CHARS = (2, 30)


class SynonymForm(WagtailAdminModelForm):
    """The office's entry form: a term and its full terms, cleaned the way queries are."""

    def clean_term(self) -> str:
        term = synonyms.normalise(self.cleaned_data.get("term", ""))
        low, high = TERM_CHARS
        if not low <= len(term) <= high:
            raise forms.ValidationError(
                _("常用说法应为 %(low)s 至 %(high)s 个字。") % {"low": low, "high": high}
            )
        return term

    def clean_expansions(self) -> str:
        terms = [
            synonyms.normalise(part) for part in split_expansions(self.cleaned_data["expansions"])
        ]
        terms = [t for t in dict.fromkeys(terms) if t]
        if not terms:
            raise forms.ValidationError(_("请至少填写一个规范全称。"))
        if len(terms) > MAX_EXPANSIONS:
            raise forms.ValidationError(
                _("规范全称最多 %(n)s 个，请拆分为多个条目。") % {"n": MAX_EXPANSIONS}
            )
        low, high = EXPANSION_CHARS
        for term in terms:
            if not low <= len(term) <= high:
                raise forms.ValidationError(
                    _("“%(term)s”：每个规范全称应为 %(low)s 至 %(high)s 个字。")
                    % {"term": term, "low": low, "high": high}
                )
        return "、".join(terms)

    def clean(self):
        data = super().clean()
        term = data.get("term")
        if term and term in split_expansions(data.get("expansions", "")):
            self.add_error("expansions", _("规范全称不能与常用说法相同。"))
        return data
