"""One small form per staff verb on a letter's handling page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit


def _units():
    return Unit.objects.exclude(kind=Unit.Kind.COUNTY_GOVERNMENT)


class RouteForm(forms.Form):
    to_unit = forms.ModelChoiceField(label=_("承办单位"), queryset=_units())
    note = forms.CharField(label=_("转办意见"), max_length=200, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class PassOnForm(forms.Form):
    to_unit = forms.ModelChoiceField(label=_("转交单位"), queryset=_units())
    reason = forms.CharField(label=_("理由"), max_length=500)


class DraftForm(forms.Form):
    text = forms.CharField(
        label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000
    )


class ConfirmForm(forms.Form):
    pass


class PublishForm(forms.Form):
    """选登: the texts as they will be published, redacted already; the reviewer may shorten
    them further (whatever is sent is redacted again)."""

    title = forms.CharField(label=_("公开的标题"), max_length=200)
    content = forms.CharField(
        label=_("公开的来信内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    reply = forms.CharField(
        label=_("公开的答复内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    override_reason = forms.CharField(
        label=_("含需核实词语仍予公开的理由（无则不填）"), max_length=200, required=False
    )
