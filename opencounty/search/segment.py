"""Chinese word segmentation: the one place that turns text into search terms.

Indexed text and queries both pass through rjieba here. The index keeps the
finer search-engine cut (so 人民政府 also yields 人民 and 政府) plus the
two-character pieces of longer words, so any two-character word of the text
is found; a query keeps the precise cut, and each of its terms must match.
"""

from __future__ import annotations

import re

import rjieba

_TOKEN = re.compile(r"[\w]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _clean(words: list[str]) -> list[str]:
    return [w.lower() for w in words if _TOKEN.fullmatch(w)]


def index_terms(text: str) -> list[str]:
    terms: list[str] = []
    for word in _clean(rjieba.cut_for_search(text or "")):
        terms.append(word)
        if len(word) > 2 and _CJK.match(word):
            terms.extend(word[i : i + 2] for i in range(len(word) - 1))
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
