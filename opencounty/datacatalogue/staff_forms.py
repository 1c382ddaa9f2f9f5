"""Forms for the provider answering a sharing request; each maps to one action."""

from django import forms
from django.utils.translation import gettext_lazy as _


class StaffForm(forms.Form):
    def __init__(self, *args, sharing=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sharing = sharing


class GrantForm(StaffForm):
    note = forms.CharField(
        label=_("答复意见（可不填）"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RefuseForm(StaffForm):
    reason = forms.CharField(
        label=_("不予共享的理由"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("不予共享须写明理由。")},
    )
