from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.core import statutory
from opencounty.core.public_forms import PublicFormMixin


class LookupForm(PublicFormMixin, forms.Form):
    receipt_number = forms.CharField(label=_("受理编号"), max_length=40)
    query_code = forms.CharField(label=_("查询码"), max_length=20)


def not_in_future(value) -> None:
    """The day something happened cannot be after today (a later date would move a clock)."""
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(_("日期不能晚于今天。"), code="future")


class EventDateField(forms.DateField):
    """The day something happened (received, corrected, answered): not in the future and
    within the years the working-day calendar counts, so no date can break a deadline."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("日期"))
        kwargs.setdefault("initial", timezone.localdate)
        # <input type="date"> only accepts ISO dates; the zh-hans default "2026/11/23" shows as empty.
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if value is None:
            return
        not_in_future(value)
        if value.year < statutory.FIRST_YEAR:
            raise forms.ValidationError(
                _("日期早于%(year)s年，请核对。") % {"year": statutory.FIRST_YEAR}
            )


class ReceiptForm(PublicFormMixin, forms.Form):
    """The receipt again, from the acknowledgement page: the code it showed comes back with
    it (it is kept nowhere else), and the copy the submitter asks for, if any."""

    receipt_number = forms.CharField(max_length=40, widget=forms.HiddenInput)
    query_code = forms.CharField(max_length=20, widget=forms.HiddenInput)
    # "sms" or "email"; anything else is answered as a channel that cannot be used.
    send = forms.CharField(max_length=10, required=False)
