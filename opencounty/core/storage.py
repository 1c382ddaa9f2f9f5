"""Storage for uploads that must never be reachable by URL (identity documents, materials,
letter attachments).

Every private file is encrypted at rest with the keys that encrypt identity numbers
(FIELD_ENCRYPTION_KEYS, `core.crypto`), written with mode 0600 in folders of mode 0700,
and named by a shortened, safe version of the citizen's file name (the extension kept).
Staff read them through views that check permissions; reading decrypts. Files written
before encryption was introduced are read as they are.
"""

from __future__ import annotations

import io
import os

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename

MAGIC = b"OCENC1\n"
FILE_MODE = 0o600
FOLDER_MODE = 0o700
# Bytes of a stored file name: well under the 255 of common file systems, and with the
# upload_to folders well inside the 100-300 character columns that record the path.
MAX_NAME_BYTES = 90
MAX_EXTENSION_CHARS = 8
SUFFIX_ROOM = 8  # "_" and the 7 random characters get_available_name may add


def shorten_filename(name: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """`name` cut on a character boundary to at most `max_bytes` UTF-8 bytes, extension kept."""
    name = os.path.basename(str(name).replace("\\", "/"))
    stem, extension = os.path.splitext(name)
    extension = extension.lower() if len(extension) <= MAX_EXTENSION_CHARS else ""
    budget = max(max_bytes - len(extension.encode()), 1)
    while len(stem.encode("utf-8")) > budget:
        stem = stem[:-1]
    return stem + extension


def safe_stored_name(name: str) -> str:
    """A file-system-safe name, short enough for any file system and column, never empty."""
    try:
        valid = get_valid_filename(name)
    except SuspiciousFileOperation:
        valid = ""
    stem, extension = os.path.splitext(valid)
    if stem.startswith(".") and not extension:  # ".pdf": nothing but an extension
        stem, extension = "", stem
    stem = stem.strip("._-") or "upload"
    return shorten_filename(stem + extension.lower(), MAX_NAME_BYTES - SUFFIX_ROOM)


def _fernet():
    from opencounty.core.crypto import _fernet as fernet

    return fernet()


def encrypt_bytes(data: bytes) -> bytes:
    return MAGIC + _fernet().encrypt(data)


def decrypt_bytes(stored: bytes) -> bytes:
    """The plain content; a file stored before encryption is returned as it is."""
    if not stored.startswith(MAGIC):
        return stored
    return _fernet().decrypt(stored[len(MAGIC) :])


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (outside MEDIA_ROOT), encrypted, 0600 in 0700 folders."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("file_permissions_mode", FILE_MODE)
        kwargs.setdefault("directory_permissions_mode", FOLDER_MODE)
        super().__init__(*args, **kwargs)

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str) -> str:
        raise ValueError("private files have no public URL")

    def get_valid_name(self, name: str) -> str:
        return safe_stored_name(name)

    def _save(self, name: str, content) -> str:
        content.seek(0)
        sealed = ContentFile(encrypt_bytes(content.read()))
        return super()._save(name, sealed)

    def _open(self, name: str, mode: str = "rb") -> File:
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("private files are written only through save()")
        with super()._open(name, "rb") as stored:
            plain = decrypt_bytes(stored.read())
        return File(io.BytesIO(plain), name=name)

    def size(self, name: str) -> int:
        """The size of the plain content, as a download will have it."""
        with self._open(name) as opened:
            opened.seek(0, io.SEEK_END)
            return opened.tell()


def private_file_response(field_file, download_name: str):
    """Serve a private file to staff who passed the caller's permission check, as a download."""
    from django.http import FileResponse, Http404

    if not field_file:
        raise Http404
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=download_name)
    response["Cache-Control"] = "private, no-store"
    return response


def seal_existing_files(*, rotate: bool = False) -> tuple[int, int, int]:
    """Encrypt in place every private file stored before encryption (and, with `rotate`,
    encrypt every file again under the first configured key, after a key change), and set
    the modes 0600/0700. Each file is replaced atomically. Returns (sealed, rotated, seen)."""
    root = os.path.abspath(str(settings.PRIVATE_MEDIA_ROOT))
    sealed = rotated = seen = 0
    if not os.path.isdir(root):
        return sealed, rotated, seen
    fernet = _fernet()
    for folder, _folders, names in os.walk(root):
        os.chmod(folder, FOLDER_MODE)
        for name in names:
            if name.startswith(".sealing-"):
                continue
            path = os.path.join(folder, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            seen += 1
            with open(path, "rb") as handle:
                stored = handle.read()
            if not stored.startswith(MAGIC):
                new, sealed = encrypt_bytes(stored), sealed + 1
            elif rotate:
                new, rotated = MAGIC + fernet.rotate(stored[len(MAGIC) :]), rotated + 1
            else:
                os.chmod(path, FILE_MODE)
                continue
            temporary = os.path.join(folder, f".sealing-{name}")
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(new)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
    return sealed, rotated, seen
