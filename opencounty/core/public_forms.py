"""What every form the public fills has in common.

`PublicFormMixin` cleans the text before any field sees it: C0 and C1 control characters
(and DEL and lone surrogates) are removed, a multi-line field keeps its line breaks and
tabs, and a NUL is refused with a Chinese error (PostgreSQL cannot store it). It also
gives the template an error summary whose entries link to their fields.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _

# C0 except TAB and LF, DEL, C1, and UTF-16 surrogates (never valid on their own).
_MULTILINE_DROP = re.compile("[\x01-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SINGLE_LINE_DROP = re.compile("[\x01-\x1f\x7f-\x9f\ud800-\udfff]")
_SINGLE_LINE_SPACE = re.compile("[\t\r\n]+")
NUL = "\x00"


def clean_text(value: str, *, multiline: bool) -> str:
    """The text without control characters; NUL is left for the caller to refuse."""
    if multiline:
        return _MULTILINE_DROP.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return _SINGLE_LINE_DROP.sub("", _SINGLE_LINE_SPACE.sub(" ", value))


def clean_query(value: str) -> str:
    """A search parameter read without a form: one line, no control characters, no NUL."""
    return clean_text(str(value or "").replace(NUL, ""), multiline=False)


def _anchor(bound) -> str:
    """The id focus should move to: the input itself, or the first option of a radio group."""
    if bound.is_hidden:
        return ""
    if bound.id_for_label:
        return bound.id_for_label
    if bound.auto_id and isinstance(
        bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        return f"{bound.auto_id}_0"
    return bound.auto_id or ""


class PublicFormMixin(forms.Form):
    """Base of every public form: control characters stripped, NUL refused, a linked error summary."""

    def full_clean(self) -> None:
        refused: list[str] = []
        if self.is_bound and self.data:
            data = self.data.copy()
            for name, field in self.fields.items():
                key = self.add_prefix(name)
                if not isinstance(field, forms.CharField) or key not in data:
                    continue
                multiline = isinstance(field.widget, forms.Textarea)
                values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
                if any(NUL in str(v) for v in values):
                    refused.append(name)
                cleaned = [clean_text(str(v).replace(NUL, ""), multiline=multiline) for v in values]
                if hasattr(data, "setlist"):
                    data.setlist(key, cleaned)
                else:
                    data[key] = cleaned[-1] if cleaned else ""
            self.data = data
        super().full_clean()
        for name in refused:
            if name in self.fields and not self.has_error(name):
                self.add_error(name, _("内容中含有不允许的空字符，请删除后重新填写。"))

    def error_summary(self) -> list[dict]:
        """Each error with the label and the id of its field, in the order of the form."""
        if not self.is_bound or not self.errors:
            return []
        entries = [{"label": "", "message": str(e), "anchor": ""} for e in self.non_field_errors()]
        for bound in self:
            for message in bound.errors:
                entries.append(
                    {
                        "label": str(bound.label or ""),
                        "message": str(message),
                        "anchor": _anchor(bound),
                    }
                )
        return entries
