"""A small reader of gettext .po files, for the tests of our catalogue (no dependency)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


@dataclass
class Entry:
    msgid: str = ""
    context: str | None = None
    plural: str | None = None
    strings: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False


def read_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (not obsolete ones), header excluded."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    obsolete = False

    def finish() -> None:
        if current is not None and current.msgid and not obsolete:
            entries.append(current)

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            finish()
            current, target, obsolete = None, None, False
            continue
        if current is None:
            current = Entry()
        if line.startswith("#~"):
            obsolete = True
        elif line.startswith("#,"):
            current.fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            keyword, index, text = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            if keyword == "msgctxt":
                target, current.context = ("context", 0), text
            elif keyword == "msgid":
                target, current.msgid = ("msgid", 0), text
            elif keyword == "msgid_plural":
                target, current.plural = ("plural", 0), text
            else:
                target = ("strings", int(index or 0))
                current.strings[target[1]] = text
        elif line.startswith('"') and target is not None:
            text = ast.literal_eval(line)
            if target[0] == "strings":
                current.strings[target[1]] += text
            else:
                setattr(current, target[0], (getattr(current, target[0]) or "") + text)
    return entries
