"""What a person reads on an admin screen, and the English that must not be in it.

Used by test_admin_speaks_chinese: the text nodes of the page (not scripts, styles or
comments), the attributes that are read aloud or shown (aria-label, title, placeholder, alt,
tooltips, button values) and the labels of the sidebar menu, which Wagtail renders from JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SHOWN_ATTRIBUTES = {
    "aria-label",
    "aria-description",
    "title",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",
    "data-w-progress-active-value",
}
BUTTON_INPUTS = {"submit", "button", "reset"}

# What the issue saw in the admin (2026-11-29), then the plain English of an admin screen.
SEEN_STRINGS = (
    "登录Wagtail",
    "Password",
    "Pages created in",
    "Search all pages",
    "new items in this menu",
    "new item in this menu",
    "insert a block",
    "Privacy and access",
    "New: ",
)
ENGLISH_WORDS = frozenset(
    """
    wagtail password pages page search privacy dashboard images image documents document
    settings setting reports report help logout account edit delete add save cancel create
    created new the and of to is are was by at this your you not no all any more show hide
    sort filter filters choose select upload uploads download user users group groups
    permissions permission workflow workflows task tasks snippet snippets sites site locked
    lock unlock publish published unpublish unpublished draft live preview history revision
    revisions status title date yes none actions action comment comments menu items item
    error errors required optional sign previous next back close open view copy move export
    import submit approve approved reject rejected request changes shortcuts keyboard theme
    language time zone minutes ago today yesterday refresh saved loading expire schedule
    scheduled scheduling public private owner type app last first words readability checks
    content metrics layout grid list oldest newest usage count caption table headers block
    blocks insert split write something reading contrast density admin toggle with for from
    or on be been has have will can cannot could should there here what when who which
    welcome home explorer explore collection collections tag tags file files name email
    username login logged remember forgotten reset change changed current other others
    results result found matching clear apply ordering order parent child children subpage
    subpages root moderation moderators reviewer review comments notifications avatar
    editor guide release version upgrade available
    """.split()
)
_URLS_AND_CODES = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|\S*[_/\\0-9]\S*|\b[a-z]+\.[a-z_]+\b(?![\w.])"
)
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_APP_MODEL = re.compile(
    r"\b(?:portal|core|cases|disclosure|interaction|services|supervision|search|wagtailcore|"
    r"wagtailimages|wagtaildocs)\.[a-z]+\b"
)


@dataclass
class ScreenText:
    texts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.screen = ScreenText()
        self._script: str | None = None
        self._script_id: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ("script", "style"):
            self._script, self._script_id, self._buffer = tag, values.get("id"), []
            return
        for name, value in values.items():
            if name in SHOWN_ATTRIBUTES and value.strip():
                self.screen.texts.append(value.strip())
        if tag == "input" and values.get("type") in BUTTON_INPUTS and values.get("value"):
            self.screen.texts.append(values["value"])
        if tag == "a" and values.get("href"):
            self.screen.links.append(values["href"])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._script and tag == self._script:
            if self._script_id == "wagtail-sidebar-props":
                self._read_sidebar("".join(self._buffer))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script:
            self._buffer.append(data)
        elif data.strip():
            self.screen.texts.append(" ".join(data.split()))

    def _read_sidebar(self, blob: str) -> None:
        """Menu labels and footers are read by people; their URLs are places to walk to."""

        def walk(node) -> None:
            if isinstance(node, dict):
                for key in ("label", "footer_text"):
                    if isinstance(node.get(key), str) and node[key].strip():
                        self.screen.texts.append(node[key])
                if isinstance(node.get("url"), str):
                    self.screen.links.append(node["url"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(json.loads(blob))


def read_screen(html: str) -> ScreenText:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.screen


def english_in(text: str) -> str | None:
    """The English that a person would read in `text`, or None. Addresses, e-mail addresses,
    user names, codes and file names (anything with a digit, slash or underscore) are data."""
    for seen in SEEN_STRINGS:
        if seen in text:
            return seen
    if match := _APP_MODEL.search(text):
        return match.group(0)
    for word in _LATIN_WORD.findall(_URLS_AND_CODES.sub(" ", text)):
        if word.lower() in ENGLISH_WORDS:
            return word
    return None
