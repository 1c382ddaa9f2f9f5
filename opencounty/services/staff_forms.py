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


APPLICATION_VERBS = {
    "accept": (_("受理"), AcceptForm),
    "notify_missing": (_("一次性告知补正"), NoticeForm),
    "reject": (_("不予受理"), ReasonsForm),
    "report": (_("上报上级机关"), ReportForm),
    "approve": (_("办结：准予"), ApproveForm),
    "refuse": (_("办结：不予"), ReasonsForm),
}

STEP_VERBS = {
    "approve_step": (_("同意"), ApproveForm),
    "refuse_step": (_("不同意"), ReasonsForm),
}

RECTIFICATION_VERBS = {
    "record_outcome": (_("记录整改情况"), OutcomeForm),
    "feed_back": (_("反馈申请人"), ConfirmForm),
}
