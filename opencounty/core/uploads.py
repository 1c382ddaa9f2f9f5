"""Checks on files the public uploads: the type is read from the content, not the name."""

from __future__ import annotations

import os

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from opencounty.core.public_forms import clean_text

# Leading bytes of each accepted type.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "office": (b"PK\x03\x04",),  # .docx / .xlsx are zip containers
}
LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPG", "office": "Word/Excel"}
# The names each type may carry: a file is accepted only when its name and content agree.
EXTENSIONS = {
    "pdf": (".pdf",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "office": (".docx", ".xlsx"),
}
# The longest name kept for display and download (the stored name is shortened further).
MAX_SHOWN_NAME_CHARS = 100


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


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower()


def shown_name(name: str) -> str:
    """The citizen's file name without control characters or folders, at most 100 characters,
    its extension kept."""
    name = os.path.basename(str(name or "").replace("\\", "/"))
    name = clean_text(name.replace("\x00", ""), multiline=False).strip() or "upload"
    stem, extension = os.path.splitext(name)
    if len(extension) > 10:
        stem, extension = name, ""
    return stem[: MAX_SHOWN_NAME_CHARS - len(extension)] + extension


def check_upload(upload, *, kinds: tuple[str, ...], max_bytes: int) -> None:
    """Raise a Chinese ValidationError unless the file is one of `kinds`, named as what its
    content is, and small enough. A long name is shortened (extension kept)."""
    upload.name = shown_name(upload.name)
    if upload.size > max_bytes:
        raise ValidationError(
            _("文件“%(name)s”超过 %(size)s MB。")
            % {"name": upload.name, "size": max_bytes // (1024 * 1024)}
        )
    allowed = "、".join(LABELS[k] for k in kinds)
    kind = sniff(upload)
    if kind not in kinds:
        raise ValidationError(
            _("文件“%(name)s”的格式不被接受，只接受 %(kinds)s 文件。")
            % {"name": upload.name, "kinds": allowed}
        )
    if extension_of(upload.name) not in EXTENSIONS[kind]:
        raise ValidationError(
            _("文件“%(name)s”的扩展名与内容不符，请上传扩展名为 %(extensions)s 的 %(kind)s 文件。")
            % {
                "name": upload.name,
                "extensions": "、".join(EXTENSIONS[kind]),
                "kind": LABELS[kind],
            }
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
