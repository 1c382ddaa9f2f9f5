"""One small form per staff verb on an application's (or a rectification's) handling page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ConfirmForm(forms.Form):
    pass


class AcceptForm(forms.Form):
    complete_at_once = forms.BooleanField(label=_("即办件当场办结（准予）"), required=False)
    document_number = forms.CharField(label=_("证照或文书编号"), max_length=100, required=False)


class ReasonsForm(forms.Form):
    reasons = forms.CharField(
        label=_("理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoticeForm(forms.Form):
    missing = forms.CharField(
        label=_("需补正的全部内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportForm(forms.Form):
    to = forms.CharField(label=_("上报机关"), max_length=100)


class ApproveForm(forms.Form):
    document_number = forms.CharField(label=_("证照或文书编号"), max_length=100, required=False)


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("整改情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
