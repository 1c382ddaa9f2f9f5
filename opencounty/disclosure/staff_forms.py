"""Forms for the staff handling a disclosure request; each maps to one action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.cases.forms import EventDateField
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.outcomes import SUB_REASONS, Outcome


class DateForm(forms.Form):
    on = EventDateField()


class CorrectionForm(DateForm):
    note = forms.CharField(label=_("需补正事项"), widget=forms.Textarea(attrs={"rows": 3}))
    days = forms.IntegerField(label=_("补正期限（工作日）"), min_value=1, max_value=30, initial=15)


class ThirdPartyForm(DateForm):
    third_party = forms.CharField(label=_("第三方名称"), max_length=200)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长工作日"), min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label=_("延期理由"), max_length=200)


class FeeNoticeForm(DateForm):
    method = forms.ChoiceField(
        label=_("收费方式"),
        choices=DisclosureRequest.FeeMethod.choices,
        widget=forms.RadioSelect,
    )
    pages = forms.IntegerField(label=_("页数（按量计收时填写）"), min_value=1, required=False)


class ReplyForm(forms.Form):
    on = EventDateField(label=_("答复日期"), required=False)
    outcome = forms.ChoiceField(label=_("处理结果"), choices=Outcome.choices)
    sub_reason = forms.ChoiceField(
        label=_("具体情形"),
        required=False,
        choices=[("", "—")]
        + [
            (code, f"{Outcome(outcome).label}：{label}")
            for outcome, rows in SUB_REASONS.items()
            for code, label in rows
        ],
    )
    responsible_body = forms.CharField(
        label=_("负责公开的机关（非本机关信息时填写）"), max_length=200, required=False
    )
    text = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 6}))


class ConfirmForm(forms.Form):
    pass
