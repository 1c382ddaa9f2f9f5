"""One small form per verb. The actions check everything again; the forms give the person
the reason next to the field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.core.models import Unit
from opencounty.core.uploads import MultipleFileField
from opencounty.officedocs import actions
from opencounty.officedocs.models import OfficialDocument


class DraftForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("发文单位"), queryset=Unit.objects.none(), empty_label=None
    )
    prefix = forms.CharField(
        label=gettext_lazy("发文机关代字"),
        max_length=12,
        help_text=gettext_lazy(
            "例如：示政办发。发文字号“代字〔年份〕序号号”在签发时按单位、代字和年度连续编排。"
        ),
    )
    title = forms.CharField(label=gettext_lazy("标题"), max_length=120)
    urgency = forms.ChoiceField(
        label=gettext_lazy("紧急程度"), choices=OfficialDocument.Urgency.choices
    )
    secrecy = forms.ChoiceField(
        label=gettext_lazy("密级"),
        choices=OfficialDocument.Secrecy.choices,
        help_text=gettext_lazy("本平台只处理非涉密公文。"),
    )
    main_recipients = forms.CharField(
        label=gettext_lazy("主送机关"), max_length=300, required=False
    )
    body = forms.CharField(label=gettext_lazy("正文"), widget=forms.Textarea(attrs={"rows": 12}))
    signer = forms.CharField(
        label=gettext_lazy("签发人"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("上行文须标注签发人姓名"),
    )
    copied_to = forms.CharField(label=gettext_lazy("抄送机关"), max_length=300, required=False)
    handle_days = forms.IntegerField(
        label=gettext_lazy("办理时限（工作日）"),
        required=False,
        min_value=1,
        max_value=60,
        help_text=gettext_lazy("要求收文单位在发出后若干个工作日内办结；不填则不设期限"),
    )
    attachments = MultipleFileField(
        label=gettext_lazy("附件"),
        required=False,
        help_text=gettext_lazy("PDF、Word（.docx）、Excel（.xlsx）、PNG、JPG，最多 10 个"),
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()

    def clean_secrecy(self) -> str:
        secrecy = self.cleaned_data["secrecy"]
        if secrecy != OfficialDocument.Secrecy.NONE:
            raise ValidationError(
                _(
                    "涉密公文严禁在本平台处理：密级只能为“无”，涉密公文请按保密规定通过机要渠道传递。"
                )
            )
        return secrecy

    def clean_prefix(self) -> str:
        prefix = self.cleaned_data["prefix"].strip()
        if not actions.PREFIX.match(prefix):
            raise ValidationError(_("发文机关代字应为 2 至 12 个汉字，例如：示政办发。"))
        return prefix

    def clean_attachments(self) -> list:
        files = self.cleaned_data["attachments"]
        if len(files) > actions.MAX_ATTACHMENTS:
            raise ValidationError(_("附件最多 %(count)s 个。") % {"count": actions.MAX_ATTACHMENTS})
        for upload in files:
            actions.check_attachment(upload)
        return files


class SendForm(forms.Form):
    """签发并分发: pick units one by one or by group."""

    GROUPS = {
        "townships": (gettext_lazy("全部乡镇（街道）"), [Unit.Kind.TOWNSHIP]),
        "departments": (gettext_lazy("全部县直部门"), [Unit.Kind.DEPARTMENT]),
        "everyone": (gettext_lazy("全部单位"), list(Unit.Kind.values)),
    }
    groups = forms.MultipleChoiceField(
        label=gettext_lazy("按类别选择"),
        choices=[(key, label) for key, (label, _kinds) in GROUPS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("收文单位"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, document: OfficialDocument, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.others = Unit.objects.exclude(pk=document.sender_id)
        self.fields["units"].queryset = self.others

    def clean(self):
        cleaned = super().clean()
        chosen = {unit.pk: unit for unit in cleaned.get("units") or []}
        for key in cleaned.get("groups") or []:
            for unit in self.others.filter(kind__in=self.GROUPS[key][1]):
                chosen[unit.pk] = unit
        if not chosen:
            raise ValidationError(_("请至少选择一个收文单位。"))
        cleaned["recipients"] = list(chosen.values())
        return cleaned


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("退回理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FinishForm(forms.Form):
    reply = forms.CharField(
        label=gettext_lazy("办理情况"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class CheckForm(forms.Form):
    opinion = forms.CharField(
        label=gettext_lazy("核稿意见"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnDraftForm(forms.Form):
    """核稿退回 / 签发退回 (prefixed: the page may also carry the recipient's 退文 form)."""

    prefix = "draft"
    reason = forms.CharField(
        label=gettext_lazy("退回理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProposeForm(forms.Form):
    proposal = forms.CharField(
        label=gettext_lazy("拟办意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InstructForm(forms.Form):
    instruction = forms.CharField(
        label=gettext_lazy("批办意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("承办人"), queryset=Unit.objects.none(), empty_label=None
    )

    def __init__(self, *args, staff=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.queryset = staff
        field.label_from_instance = lambda user: user.get_full_name() or user.get_username()
