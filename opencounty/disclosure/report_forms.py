"""Forms of the annual report screens; each maps to one action in report_actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.disclosure.models import AnnualReport
from opencounty.disclosure.report_actions import EDITABLE_FIELDS, FIRST_YEAR

NARRATIVE = ("overview", "problems", "other_matters")


class AnnualReportForm(forms.ModelForm):
    """The narrative sections and the figures staff enter (sections 2, 4 and 6)."""

    class Meta:
        model = AnnualReport
        fields = EDITABLE_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in NARRATIVE}

    def narrative_fields(self):
        return [self[name] for name in NARRATIVE]

    def figure_fields(self):
        return [self[name] for name in EDITABLE_FIELDS if name not in NARRATIVE]


def _last_year() -> int:
    return timezone.localdate().year - 1


class OpenReportForm(forms.Form):
    """Pick the unit and year of a report to write or read."""

    unit = forms.ChoiceField(label=_("单位"))
    year = forms.IntegerField(label=_("年度"), min_value=FIRST_YEAR, initial=_last_year)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]
