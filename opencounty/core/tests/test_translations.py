"""Our catalogue completes Wagtail's Chinese, and its committed .mo files are up to date
(docs/decisions/0005)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
import wagtail
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from opencounty.core.tests.pofiles import read_po

OURS = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"
WAGTAIL = Path(wagtail.__file__).parent
_LATIN = re.compile(r"[a-z]{2,}")  # words, not acronyms such as URL or ID
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w+\}")


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_each_committed_mo_is_the_compilation_of_its_po(domain):
    compiled = gettext.GNUTranslations((OURS / f"{domain}.mo").open("rb"))
    for entry in read_po(OURS / f"{domain}.po"):
        if entry.plural:
            assert compiled.ngettext(entry.msgid, entry.plural, 2) == entry.strings[0], entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.strings[0], entry.msgid


def _english(text: str) -> bool:
    return bool(_LATIN.search(_PLACEHOLDER.sub("", re.sub(r"<[^>]+>", "", text))))


def _untranslated(entries, gettext_, ngettext_, pgettext_) -> list[str]:
    missing = []
    for entry in entries:
        if not _english(entry.msgid):
            continue
        if entry.plural:
            text = ngettext_(entry.msgid, entry.plural, 2)
        elif entry.context:
            text = pgettext_(entry.context, entry.msgid)
        else:
            text = gettext_(entry.msgid)
        if text in (entry.msgid, entry.plural):
            missing.append(entry.msgid)
    return missing


def _installed_wagtail_catalogues() -> list[Path]:
    paths = (
        Path(config.path) / "locale" / "en" / "LC_MESSAGES" / "django.po"
        for config in apps.get_app_configs()
        if config.name.startswith("wagtail")
    )
    return [path for path in paths if path.exists()]


def test_every_message_of_wagtails_admin_has_chinese():
    """A Wagtail upgrade that brings new English shows up here first."""
    missing = []
    with translation.override("zh-hans"):
        for path in _installed_wagtail_catalogues():
            missing += _untranslated(
                read_po(path), translation.gettext, translation.ngettext, translation.pgettext
            )
    assert missing == [], f"{len(missing)} messages without Chinese: {missing[:30]}"


def test_every_message_of_wagtails_admin_scripts_has_chinese():
    catalogue = DjangoTranslation(
        "zh-hans", domain="djangojs", localedirs=[str(WAGTAIL / "admin" / "locale")]
    )
    entries = read_po(WAGTAIL / "admin" / "locale" / "en" / "LC_MESSAGES" / "djangojs.po")
    missing = _untranslated(entries, catalogue.gettext, catalogue.ngettext, catalogue.pgettext)
    assert missing == [], f"{len(missing)} messages without Chinese: {missing[:30]}"
