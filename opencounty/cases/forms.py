from django import forms
from django.utils.translation import gettext_lazy as _


class LookupForm(forms.Form):
    receipt_number = forms.CharField(label=_("受理编号"), max_length=40)
    query_code = forms.CharField(label=_("查询码"), max_length=20)
