"""Forms of the powers app: the staff's power form (with its bases and flow steps) and the
public search. The actions check everything again; these only shape the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit
from opencounty.core.public_forms import PublicFormMixin
from opencounty.powers.models import Category, Power
from opencounty.services.models import ServiceItemPage


class PowerForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("实施主体"), queryset=Unit.objects.none())
    code = forms.CharField(label=_("权力编码"), max_length=40)
    name = forms.CharField(label=_("权力名称"), max_length=200)
    category = forms.ChoiceField(label=_("权力类别"), choices=Category.choices)
    section = forms.CharField(label=_("承办机构（科室）"), max_length=100, required=False)
    responsibilities = forms.CharField(
        label=_("责任事项"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    accountability = forms.CharField(
        label=_("追责情形"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    time_limit = forms.CharField(label=_("办理时限"), max_length=100, required=False)
    fees = forms.CharField(label=_("收费标准"), max_length=300, required=False)
    fee_basis = forms.CharField(label=_("收费依据"), max_length=300, required=False)
    service_item = forms.ModelChoiceField(
        label=_("对应政务服务事项（行政许可）"),
        queryset=ServiceItemPage.objects.none(),
        required=False,
    )

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ids = [u.pk for u in units]
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=ids)
        self.fields["service_item"].queryset = ServiceItemPage.objects.filter(
            department__in=ids
        ).order_by("code")

    @staticmethod
    def initial_for(power: Power) -> dict:
        fields = ("code", "name", "category", "section", "responsibilities", "accountability")
        initial = {f: getattr(power, f) for f in fields}
        initial.update(
            unit=power.unit_id,
            time_limit=power.time_limit,
            fees=power.fees,
            fee_basis=power.fee_basis,
            service_item=power.service_item_id,
        )
        return initial


class BasisForm(forms.Form):
    law = forms.CharField(label=_("法律法规名称"), max_length=200, required=False)
    article = forms.CharField(label=_("条款"), max_length=100, required=False)
    text = forms.CharField(
        label=_("条款内容"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StepForm(forms.Form):
    name = forms.CharField(label=_("环节名称"), max_length=100, required=False)
    description = forms.CharField(label=_("环节说明"), max_length=300, required=False)
    days = forms.IntegerField(
        label=_("环节时限（工作日）"), min_value=0, max_value=365, required=False
    )


BasisFormSet = forms.formset_factory(BasisForm, extra=2, max_num=20, absolute_max=20)
StepFormSet = forms.formset_factory(StepForm, extra=3, max_num=12, absolute_max=12)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("调整理由"), max_length=300)


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("退回理由"), max_length=300)


class PublicSearchForm(PublicFormMixin, forms.Form):
    """The public list's filters: all optional, a wrong value is simply ignored."""

    q = forms.CharField(label=_("名称或编码"), max_length=50, required=False)
    category = forms.ChoiceField(
        label=_("权力类别"), choices=[("", _("全部类别")), *Category.choices], required=False
    )
    unit = forms.ModelChoiceField(
        label=_("实施主体"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("全部单位"),
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
