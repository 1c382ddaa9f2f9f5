"""Files a citizen chose survive a submit that failed on another field.

When a public form with uploads is refused, the files that passed their own checks are
kept in private storage (encrypted, like every private file) under a random folder
name; the form carries that name signed and time-stamped in a hidden field. The next
submit gets the files back unless the citizen chose new ones. The signature and the
random name make the token unguessable; it expires after HELD_UPLOADS_MAX_AGE seconds
and `manage.py purge_held_uploads` (also run on every hold) deletes expired folders.
"""

from __future__ import annotations

import json
import os
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from opencounty.core.storage import PrivateStorage

SALT = "opencounty.held-uploads"
FOLDER = "held"
MANIFEST = "manifest.json"
FIELD_NAME = "held_uploads"


def max_age() -> int:
    return int(settings.HELD_UPLOADS_MAX_AGE)


def _storage() -> PrivateStorage:
    return PrivateStorage()


def _folder(token_id: str) -> str:
    return f"{FOLDER}/{token_id}"


def _token_id(signed: str) -> str | None:
    try:
        token_id = signing.loads(signed, salt=SALT, max_age=max_age())
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(token_id, str) or not token_id.isalnum():
        return None
    return token_id


def hold(files: dict[str, list]) -> str:
    """Keep `files` ({form key: [uploaded file, ...]}); returns the signed token ('' if none)."""
    files = {key: uploads for key, uploads in files.items() if uploads}
    if not files:
        return ""
    purge_expired()
    storage = _storage()
    token_id = secrets.token_hex(16)
    entries = []
    for key, uploads in files.items():
        for number, upload in enumerate(uploads):
            upload.seek(0)
            stored = storage.save(
                f"{_folder(token_id)}/{number}-{len(entries)}.bin", ContentFile(upload.read())
            )
            entries.append(
                {
                    "key": key,
                    "name": upload.name,
                    "content_type": getattr(upload, "content_type", "") or "",
                    "stored": stored,
                }
            )
    manifest = json.dumps(entries, ensure_ascii=False).encode()
    storage.save(f"{_folder(token_id)}/{MANIFEST}", ContentFile(manifest))
    return signing.dumps(token_id, salt=SALT)


def entries(signed: str) -> list[dict]:
    token_id = _token_id(signed)
    if token_id is None:
        return []
    storage = _storage()
    manifest = f"{_folder(token_id)}/{MANIFEST}"
    if not storage.exists(manifest):
        return []
    with storage.open(manifest) as opened:
        return json.loads(opened.read().decode())


def restore(signed: str, files) -> tuple[MultiValueDict, dict[str, list[str]]]:
    """`files` with the held files added for every key the citizen did not upload again,
    and the names restored per key."""
    merged = MultiValueDict()
    for key in files or {}:
        merged.setlist(key, list(files.getlist(key)))
    restored: dict[str, list[str]] = {}
    storage = _storage()
    for entry in entries(signed):
        key = entry["key"]
        if key in merged and key not in restored:
            continue  # chose a new file: it replaces the held one
        with storage.open(entry["stored"]) as opened:
            upload = SimpleUploadedFile(entry["name"], opened.read(), entry["content_type"])
        merged.appendlist(key, upload)
        restored.setdefault(key, []).append(entry["name"])
    return merged, restored


def release(signed: str) -> None:
    """Delete what a token holds (after the submission that used it was stored)."""
    token_id = _token_id(signed)
    if token_id is not None:
        _delete_folder(token_id)


def _delete_folder(token_id: str) -> None:
    storage = _storage()
    folder = _folder(token_id)
    if not storage.exists(folder):
        return
    for name in storage.listdir(folder)[1]:
        storage.delete(f"{folder}/{name}")
    try:
        os.rmdir(storage.path(folder))
    except OSError:
        pass


def purge_expired(now: float | None = None) -> int:
    """Delete held folders older than the token's lifetime; returns how many."""
    storage = _storage()
    if not storage.exists(FOLDER):
        return 0
    limit = (now or time.time()) - max_age()
    purged = 0
    for token_id in storage.listdir(FOLDER)[0]:
        if os.path.getmtime(storage.path(_folder(token_id))) < limit:
            _delete_folder(token_id)
            purged += 1
    return purged


class KeepUploadsMixin(forms.Form):
    """A public form whose valid uploads are kept when the submit fails.

    The view calls `keep_uploads()` before rendering a refused form and
    `release_uploads()` once the submission is stored.
    """

    held_uploads = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kept: dict[str, list[str]] = {}
        signed = self.data.get(self.add_prefix(FIELD_NAME), "") if self.is_bound else ""
        if signed:
            self.files, self.kept = restore(str(signed), self.files)

    def _file_keys(self) -> list[tuple[str, str]]:
        return [
            (name, self.add_prefix(name))
            for name, field in self.fields.items()
            if isinstance(field, forms.FileField)
        ]

    def keep_uploads(self) -> None:
        """Hold every file of a field without errors; the re-rendered form carries the token."""
        valid = {}
        for name, key in self._file_keys():
            if self.has_error(name):
                continue
            uploads = [u for u in self.files.getlist(key) if u]
            if uploads:
                valid[key] = uploads
        self.release_uploads()
        signed = hold(valid)
        self.kept = {key: [u.name for u in uploads] for key, uploads in valid.items()}
        data = self.data.copy()
        data[self.add_prefix(FIELD_NAME)] = signed
        self.data = data
        for name, key in self._file_keys():
            if key in self.kept:
                # A kept file satisfies a required field; the browser must not ask again.
                self.fields[name].widget.use_required_attribute = lambda initial: False

    def release_uploads(self) -> None:
        signed = self.data.get(self.add_prefix(FIELD_NAME), "") if self.is_bound else ""
        if signed:
            release(str(signed))

    def kept_names(self, bound_field) -> list[str]:
        return self.kept.get(bound_field.html_name, [])

    def kept_notice(self, bound_field) -> str:
        names = self.kept_names(bound_field)
        if not names:
            return ""
        return _("已保留您上次选择的文件：%(names)s。无需重新选择；如需更换，请选择新文件。") % {
            "names": "、".join(names)
        }
