"""The public comment form and the staff forms of a consultation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.core.public_forms import PublicFormMixin
from opencounty.core.validators import clean_phone
from opencounty.interaction.models import ConsultationComment, ConsultationPage

WHOLE_DRAFT = ""


class CommentForm(PublicFormMixin, forms.Form):
    """A citizen's comment on the whole draft or on one section; every error in Chinese."""

    section = forms.ChoiceField(label=_("意见针对"), required=False)
    name = forms.CharField(label=_("署名（选填，将随意见公开）"), max_length=50, required=False)
    phone = forms.CharField(
        label=_("联系电话（不公开）"),
        max_length=20,
        error_messages={"required": _("请填写联系电话。")},
    )
    text = forms.CharField(
        label=_("意见内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
        error_messages={
            "required": _("请填写意见内容。"),
            "max_length": _("意见内容不能超过2000字。"),
        },
    )

    def __init__(self, page: ConsultationPage, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        self.sections = {str(s.pk): s for s in page.sections.all()}
        choices = [(WHOLE_DRAFT, _("草案整体"))]
        choices += [
            (pk, _("第%(n)d部分：%(heading)s") % {"n": n, "heading": s.heading})
            for n, (pk, s) in enumerate(self.sections.items(), start=1)
        ]
        self.fields["section"].choices = choices
        self.fields["section"].error_messages["invalid_choice"] = _("请选择草案中的章节。")

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) < 5:
            raise forms.ValidationError(_("意见内容过短，请至少填写5个字。"))
        return text

    def chosen_section(self):
        return self.sections.get(self.cleaned_data.get("section") or "")


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("不予公开理由"),
        max_length=500,
        error_messages={"required": _("不予公开必须填写理由。")},
    )


class AdoptionForm(forms.Form):
    adoption = forms.ChoiceField(
        label=_("采纳情况"),
        choices=ConsultationComment.Adoption.choices,
        error_messages={"required": _("请选择采纳情况。")},
    )
    reason = forms.CharField(
        label=_("说明（部分采纳或未采纳的必填）"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("反馈说明"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("概述征集情况、主要意见及采纳情况；数字由系统根据采纳决定自动统计。"),
        error_messages={"required": _("请填写反馈说明。")},
    )


class ArchiveForm(forms.Form):
    """No fields: the button is the confirmation."""
