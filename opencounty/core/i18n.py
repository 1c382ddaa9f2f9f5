"""Fewer dictionaries to look a message up in, with the same answers.

A language's messages in Django are a `TranslationCatalog` (one dictionary per plural rule,
each app's catalogue merged into it) followed by a chain of fallback catalogues (gettext's
own, e.g. the "zh" files of apps that ship them, one object each). In Django 5.2
`TranslationCatalog.update` compares the new rule's code object with the previous rule itself,
a function, so they never compare equal and every app keeps a dictionary of its own: 19 for
zh-hans, and eleven fallbacks behind them. Our own messages, whose ids are the Chinese text,
are in none of them, so each lookup walks all thirty: about 20 µs, and an admin list asks
2,000 times a page.

`merge_catalogues` merges neighbouring dictionaries whose plural rules have equal code, and
neighbouring plain gettext fallbacks likewise, the earlier one's message winning where both
have it, which is the one a lookup found before: every lookup gives what it gave.
"""

from __future__ import annotations

import copy
import gettext

from django.conf import settings
from django.utils.translation import trans_real


def _same_rule(first, second) -> bool:
    return first.__code__ == second.__code__


def _merge_dictionaries(catalogue: trans_real.TranslationCatalog) -> None:
    catalogues: list[dict] = []
    plurals: list = []
    for messages, plural in zip(catalogue._catalogs, catalogue._plurals, strict=True):
        if plurals and _same_rule(plurals[-1], plural):
            merged = catalogues[-1]
            for key, value in messages.items():
                merged.setdefault(key, value)  # the earlier dictionary was asked first
        else:
            catalogues.append(dict(messages))
            plurals.append(plural)
    catalogue._catalogs, catalogue._plurals = catalogues, plurals


def _merged_fallbacks(first):
    """The chain from `first` with each run of plain gettext catalogues of one rule made one
    (copies: gettext shares its objects between translations)."""
    if type(first) is not gettext.GNUTranslations:
        return first
    merged = dict(first._catalog)
    following = first._fallback
    while type(following) is gettext.GNUTranslations and _same_rule(first.plural, following.plural):
        for key, value in following._catalog.items():
            merged.setdefault(key, value)
        following = following._fallback
    collapsed = copy.copy(first)
    collapsed._catalog = merged
    collapsed._fallback = _merged_fallbacks(following)
    return collapsed


def merge_catalogues(translation) -> None:
    """Merge one translation's dictionaries and fallbacks as the module says, in place."""
    catalogue = getattr(translation, "_catalog", None)
    if isinstance(catalogue, trans_real.TranslationCatalog):
        _merge_dictionaries(catalogue)
    if getattr(translation, "_fallback", None) is not None:
        translation._fallback = _merged_fallbacks(translation._fallback)


def merge_site_languages() -> None:
    """The catalogues of the site's languages, loaded now and merged (see the module)."""
    for code, _name in settings.LANGUAGES:
        merge_catalogues(trans_real.translation(code))
