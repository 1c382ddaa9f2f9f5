"""Forms for the staff handling a penalty case; each maps to one action. Every date is a
`cases.forms.EventDateField` (never after today)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.cases.forms import EventDateField
from opencounty.core.models import Unit
from opencounty.powers.models import Category, PenaltyCase, Power


def _text(label, rows: int = 3, max_length: int = 5000, required: bool = True):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": _("请填写%(label)s。") % {"label": label}},
    )


class InvestigateForm(forms.Form):
    evidence = _text(_("调查取证情况"))


class NotifyForm(forms.Form):
    on = EventDateField(label=_("告知日期"))
    notice = _text(_("告知内容（拟处罚的事实、理由、依据及陈述申辩、听证权利）"))


class DefenceForm(forms.Form):
    hearing_requested = forms.BooleanField(label=_("当事人要求听证"), required=False)
    defence = _text(_("陈述申辩或听证情况"))


class DecideForm(forms.Form):
    on = EventDateField(label=_("决定日期"))
    decision_number = forms.CharField(label=_("处罚决定书文号"), max_length=60)
    decision = _text(_("处罚内容"))
    basis = forms.CharField(label=_("处罚依据"), max_length=300)
    fine = forms.DecimalField(
        label=_("罚没金额（元）"), required=False, min_value=0, max_digits=12, decimal_places=2
    )


class DeliverForm(forms.Form):
    on = EventDateField(label=_("送达日期"))


class ExecuteForm(forms.Form):
    on = EventDateField(label=_("执行完毕日期"))
    execution = _text(_("执行情况"), rows=2)


class CloseForm(forms.Form):
    note = forms.CharField(label=_("结案说明（可不填）"), max_length=200, required=False)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=90, initial=30)
    reason = forms.CharField(label=_("延期理由（经负责人批准）"), max_length=200)


class PublishForm(forms.Form):
    """Publishing needs nothing typed: the masked entry is made from the decision."""


class RegisterForm(forms.Form):
    """立案: the unit opens a penalty case."""

    unit = forms.ModelChoiceField(label=_("立案单位"), queryset=Unit.objects.none())
    power = forms.ModelChoiceField(
        label=_("处罚事项"), queryset=Power.objects.none(), required=False
    )
    party_kind = forms.ChoiceField(
        label=_("当事人类型"), choices=PenaltyCase.PartyKind.choices, widget=forms.RadioSelect
    )
    party_name = forms.CharField(label=_("当事人名称"), max_length=100)
    id_number = forms.CharField(label=_("身份证号码（自然人）"), max_length=18, required=False)
    credit_code = forms.CharField(
        label=_("统一社会信用代码（法人或其他组织）"), max_length=18, required=False
    )
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    facts = _text(_("违法事实"), rows=4)
    registered_on = EventDateField(label=_("立案日期"))

    def __init__(self, *args, units=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ids = [u.pk for u in units]
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=ids)
        self.fields["power"].queryset = Power.objects.filter(
            unit__in=ids, category=Category.PENALTY
        ).order_by("code")
