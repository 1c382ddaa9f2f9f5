"""Forms for the staff handling an error report; each maps to one action."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit
from opencounty.interaction.error_reports.actions import fixing_revisions


class StaffForm(forms.Form):
    def __init__(self, *args, report=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.report = report


class TransferForm(StaffForm):
    to_unit = forms.ModelChoiceField(
        label=_("转至单位"),
        queryset=Unit.objects.all(),
        error_messages={"required": _("请选择转至的单位。")},
    )
    reason = forms.CharField(
        label=_("转办理由"), max_length=200, error_messages={"required": _("转办必须填写理由。")}
    )


class RevisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, revision) -> str:
        user = revision.user
        who = (user.get_full_name() or user.get_username()) if user else _("系统")
        return f"{timezone.localtime(revision.created_at):%Y-%m-%d %H:%M} {who}"


class MarkFixedForm(StaffForm):
    revision = RevisionChoiceField(
        label=_("修正该错误的页面版本"),
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择修正该错误的页面版本。")},
    )
    text = forms.CharField(
        label=_("答复内容（可不填，默认告知已修正）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].queryset = fixing_revisions(self.report)

    @property
    def has_revisions(self) -> bool:
        return self.fields["revision"].queryset.exists()


class NotAnErrorForm(StaffForm):
    explanation = forms.CharField(
        label=_("核实情况（答复纠错人）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请说明核实情况。")},
    )


class ReplyForm(StaffForm):
    text = forms.CharField(
        label=_("答复内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("答复内容不能为空。")},
    )
