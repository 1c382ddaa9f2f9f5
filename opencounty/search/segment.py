"""Chinese word segmentation: the one place that turns text into search terms.

Indexed text and queries both pass through rjieba here. The index keeps the
finer search-engine cut (so 人民政府 also yields 人民 and 政府) plus the
two-character pieces of longer words, so any two-character word of the text
is found; a query keeps the precise cut, and each of its terms must match.
"""

from __future__ import annotations

import re
from functools import lru_cache

import rjieba

_TOKEN = re.compile(r"[\w]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _clean(words: list[str]) -> list[str]:
    return [w.lower() for w in words if _TOKEN.fullmatch(w)]


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str, ...]:
    """One word of the cut as index terms: the word in lower case and, for a Chinese word of
    more than two characters, its two-character pieces; nothing for spaces and punctuation.
    Texts repeat their words, so each is worked out once (a bulk index cuts a million)."""
    if not _TOKEN.fullmatch(word):
        return ()
    word = word.lower()
    if len(word) > 2 and _CJK.match(word):
        return (word, *(word[i : i + 2] for i in range(len(word) - 1)))
    return (word,)


def index_terms(text: str) -> list[str]:
    terms: list[str] = []
    for word in rjieba.cut_for_search(text or ""):
        terms.extend(_word_terms(word))
    return terms


def segment_for_index(text: str) -> str:
    """Space-separated terms for a search field."""
    return " ".join(index_terms(text))


def query_terms(query: str) -> list[str]:
    """The terms a query must all match, in order, without repeats."""
    seen: list[str] = []
    for word in _clean(rjieba.cut(query or "")):
        if word not in seen:
            seen.append(word)
    return seen


def term_parts(term: str) -> list[str]:
    """The shorter words that tile a long query term (社会保险 → 社会 | 保险), or nothing. A
    text whose segmentation cut the term another way (社会保险费, 医疗保障局 → 医疗 | 保障局)
    holds the parts though not the term, so a query may match either."""
    if len(term) < 4 or not _CJK.match(term):
        return []
    words = {w for w in _clean(rjieba.cut_for_search(term)) if w != term and len(w) >= 2}
    parts, i = [], 0
    while i < len(term):
        part = next((term[i:j] for j in range(len(term), i + 1, -1) if term[i:j] in words), None)
        if part is None:
            return []
        parts.append(part)
        i += len(part)
    return parts
