"""The document as a PDF for reading: the .docx of `paper.render`, converted by LibreOffice
running headless (`soffice --convert-to pdf`), when the server has it.

Nothing here draws a PDF by itself: without LibreOffice there is no PDF, and the screens say
how to convert the .docx instead (docs/officedocs.md). The Chinese text needs a CJK font on the
server (Debian: fonts-noto-cjk; the office's own 仿宋 and 小标宋 fonts where licensed), or
LibreOffice prints empty boxes.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from opencounty.officedocs import paper
from opencounty.officedocs.models import OfficialDocument


class Unavailable(Exception):
    """No PDF can be made here (no LibreOffice, or it failed); the message is for staff."""


def converter() -> str | None:
    """The LibreOffice program found on this server, or None."""
    return shutil.which(settings.OFFICEDOCS_SOFFICE)


def render(document: OfficialDocument) -> bytes:
    program = converter()
    if program is None:
        raise Unavailable("no-converter")
    with tempfile.TemporaryDirectory(prefix="officedocs-pdf-") as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(paper.render(document))
        # A profile of its own: conversions running side by side never share (and lock) one.
        profile = (folder / "profile").as_uri()
        try:
            subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                capture_output=True,
                timeout=settings.OFFICEDOCS_PDF_TIMEOUT,
                check=False,
                cwd=folder,
            )
        except subprocess.TimeoutExpired as exc:
            raise Unavailable("timeout") from exc
        made = folder / "document.pdf"
        content = made.read_bytes() if made.exists() else b""
    if not content.startswith(b"%PDF-"):
        raise Unavailable("failed")
    return content
