"""The merged message catalogues (core.i18n) answer every lookup as Django's own do, from
one dictionary and one fallback instead of thirty."""

import pytest
from django.conf import settings
from django.utils.translation import trans_real

from opencounty.core import i18n


def _chain(translation) -> list:
    chain, following = [], translation._fallback
    while following is not None:
        chain.append(following)
        following = getattr(following, "_fallback", None)
    return chain


def _message_ids(translation) -> set:
    ids = set(translation._catalog.keys())
    for fallback in _chain(translation):
        ids |= set(fallback._catalog.keys())
    return ids


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_message_is_translated_as_django_translates_it(language):
    merged = trans_real.translation(language)  # as the site uses it, merged at start-up
    django_own = trans_real.DjangoTranslation(language)  # built afresh, not merged
    ids = _message_ids(django_own)
    assert _message_ids(merged) == ids
    assert len(ids) > 1000 or language == "en"  # English: Django's and Wagtail's own ids
    plural_ids = {key[0] for key in ids if isinstance(key, tuple)}
    for key in ids:
        if isinstance(key, str):
            assert merged.gettext(key) == django_own.gettext(key), key
    for msgid in plural_ids:
        for n in (0, 1, 2, 5, 21):
            assert merged.ngettext(msgid, msgid + "s", n) == django_own.ngettext(
                msgid, msgid + "s", n
            ), (msgid, n)
    for ours in ("电子监察", "下一页", "没有这个单位，或您无权查看它的考核。", ""):
        assert merged.gettext(ours) == django_own.gettext(ours)


def test_a_language_is_looked_up_in_one_dictionary_and_one_fallback():
    translation = trans_real.translation("zh-hans")
    assert len(translation._catalog._catalogs) == 1
    assert len(_chain(translation)) <= 1
    fresh = trans_real.DjangoTranslation("zh-hans")
    assert len(fresh._catalog._catalogs) + len(_chain(fresh)) > 2  # what there was to merge
    i18n.merge_catalogues(fresh)
    assert len(fresh._catalog._catalogs) == 1 and len(_chain(fresh)) <= 1
