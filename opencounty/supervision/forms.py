"""Filters of the supervision board and the month of the assessment."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds
from opencounty.supervision import access
from opencounty.supervision.assessment import Month, MonthRefused
from opencounty.supervision.board import COLOUR_LABELS, COLOURS, Filters


def state_choices(kind_code: str) -> list[tuple[str, str]]:
    """The chosen kind's states; without a kind, every state code with the labels it has."""
    chosen = [k for k in kinds.all_kinds() if k.code == kind_code] or kinds.all_kinds()
    labels: dict[str, list[str]] = {}
    for kind in chosen:
        for code, label in kind.states.items():
            if str(label) not in labels.setdefault(code, []):
                labels[code].append(str(label))
    return [(code, "/".join(names)) for code, names in labels.items()]


class BoardFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=None, required=False)
    kind = forms.ChoiceField(label=_("类别"), required=False)
    state = forms.ChoiceField(label=_("状态"), required=False)
    colour = forms.ChoiceField(label=_("预警"), required=False)

    def __init__(self, data, *, user) -> None:
        super().__init__(data)
        everything = [("", _("全部"))]
        self.fields["unit"].queryset = access.supervised_units(user)
        self.fields["unit"].empty_label = _("全部")
        self.fields["kind"].choices = everything + [(k.code, k.label) for k in kinds.all_kinds()]
        self.fields["state"].choices = everything + state_choices(data.get("kind", ""))
        self.fields["colour"].choices = everything + [(c, COLOUR_LABELS[c]) for c in COLOURS]

    def filters(self) -> Filters:
        """The valid filters; an invalid field is ignored rather than failing the page."""
        self.is_valid()
        data = self.cleaned_data
        return Filters(
            unit=data.get("unit"),
            kind=data.get("kind", ""),
            state=data.get("state", ""),
            colour=data.get("colour", ""),
        )

    def describe(self) -> str:
        """The filters in words, for the export's title row: 承办单位：全部；预警：红色预警…"""
        self.is_valid()
        parts = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if name == "unit":
                shown = value.name if value else gettext_now("全部")
            else:
                shown = dict(field.choices).get(value or "", gettext_now("全部"))
            parts.append(f"{field.label}：{shown}")
        return "；".join(parts)


class MonthForm(forms.Form):
    month = forms.CharField(
        label=_("考核月份"),
        required=False,
        max_length=20,
        widget=forms.DateInput(attrs={"type": "month"}),
    )

    def __init__(self, data, *, today: date) -> None:
        super().__init__(data)
        self.today = today
        self.fields["month"].widget.attrs["max"] = f"{today:%Y-%m}"

    def clean_month(self) -> Month:
        try:
            return Month.parse(self.cleaned_data["month"], self.today)
        except MonthRefused as exc:
            raise ValidationError(str(exc), code="month") from None
