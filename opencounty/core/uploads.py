"""Checks on files the public uploads: the type is read from the content, not the name."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Leading bytes of each accepted type.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "office": (b"PK\x03\x04",),  # .docx / .xlsx are zip containers
}
LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPG", "office": "Word/Excel"}


def sniff(upload) -> str | None:
    """The accepted type the file's first bytes show, or None."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    for kind, prefixes in SIGNATURES.items():
        if any(head.startswith(prefix) for prefix in prefixes):
            return kind
    return None


def check_upload(upload, *, kinds: tuple[str, ...], max_bytes: int) -> None:
    """Raise a Chinese ValidationError unless the file is one of `kinds` and small enough."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("文件“%(name)s”超过 %(size)s MB。")
            % {"name": upload.name, "size": max_bytes // (1024 * 1024)}
        )
    if sniff(upload) not in kinds:
        raise ValidationError(
            _("文件“%(name)s”的格式不被接受，只接受 %(kinds)s 文件。")
            % {"name": upload.name, "kinds": "、".join(LABELS[k] for k in kinds)}
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A form field for several files at once; cleans to a list (empty when none)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]
