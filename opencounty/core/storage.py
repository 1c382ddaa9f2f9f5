"""Storage for uploads that must never be reachable by URL (identity documents)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (outside MEDIA_ROOT); staff read them through views that check permissions."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str) -> str:
        raise ValueError("private files have no public URL")


def private_file_response(field_file, download_name: str):
    """Serve a private file to staff who passed the caller's permission check, as a download."""
    from django.http import FileResponse, Http404

    if not field_file:
        raise Http404
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=download_name)
    response["Cache-Control"] = "private, no-store"
    return response
