"""Query rewriting with the office's synonym table: the one layer between what a person
types and what any search backend is asked.

A query becomes a list of variants: the query as typed first, then the same query with
each everyday term found in it replaced by the terms documents use (医保 → 医疗保障,
医疗保险) and, for entries marked both ways, a full term by its abbreviation. Callers run
the first variant as the exact search and the others as the synonym search, and list
exact matches first. Nothing here knows which backend runs the variants (issue 12 may
replace it); it only needs `segment.query_terms`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.cache import cache

from opencounty.search.segment import query_terms

CACHE_KEY = "search:synonym-table"
CACHE_SECONDS = 24 * 3600
MAX_QUERY_CHARS = 100
MAX_MATCHES = 3
MAX_VARIANTS = 8

# Words that carry no meaning in a search ("医保怎么报销", "我要办身份证"). They are left out
# of a variant only when something else is left.
FILLERS = frozenset(
    "怎么 怎么办 怎样 如何 哪里 哪儿 在哪 在哪里 在哪儿 什么 我要 我想 想要 请问 需要 "
    "吗 呢 啊 吧 的 了 要 去 办".split()
)


@dataclass(frozen=True)
class Entry:
    term: str
    expansions: tuple[str, ...]
    bidirectional: bool


@dataclass
class Table:
    """The active entries, compiled: every form that can be found in a query and what it
    may be replaced by."""

    entries: list[Entry] = field(default_factory=list)
    replacements: dict[str, list[str]] = field(default_factory=dict)
    longest: int = 0

    @classmethod
    def of(cls, entries: list[Entry]) -> Table:
        table = cls(entries=list(entries))
        for entry in entries:
            table._add(entry.term, entry.expansions)
            if entry.bidirectional:
                for full in entry.expansions:
                    # A full term that contains the abbreviation already finds it.
                    if entry.term not in full:
                        table._add(full, (entry.term,))
        table.longest = max((len(form) for form in table.replacements), default=0)
        return table

    def _add(self, form: str, alternatives: tuple[str, ...]) -> None:
        form = normalise(form)
        known = self.replacements.setdefault(form, [])
        for alternative in alternatives:
            alternative = normalise(alternative)
            if alternative and alternative != form and alternative not in known:
                known.append(alternative)

    def related_entries(self, text: str, limit: int = 5) -> list[Entry]:
        """Entries one of whose forms contains the text or is contained in it (for
        suggestions when the text itself is not a form of the table)."""
        text = normalise(text)
        if len(text) < 2:
            return []
        found = []
        for entry in self.entries:
            forms = [entry.term, *entry.expansions]
            if any(text in form or form in text for form in forms):
                found.append(entry)
            if len(found) == limit:
                break
        return found


@dataclass(frozen=True)
class Match:
    """An everyday or full term found in the query and what else it was searched as."""

    form: str
    alternatives: tuple[str, ...]


@dataclass
class Rewrite:
    query: str
    variants: list[str]
    matches: list[Match]
    variant_terms: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Segment each variant once: callers ask for the terms per result.
        self.variant_terms = [terms_of(variant) for variant in self.variants]

    @property
    def expanded(self) -> bool:
        return len(self.variants) > 1

    @property
    def exact_terms(self) -> list[str]:
        return self.variant_terms[0] if self.variant_terms else []

    def synonym_terms(self) -> list[list[str]]:
        """The terms of every variant but the first, each list to be matched as a whole."""
        found: list[list[str]] = []
        for terms in self.variant_terms[1:]:
            if terms and terms not in found and terms != self.exact_terms:
                found.append(terms)
        return found

    def all_terms(self) -> list[str]:
        """Every term of every variant, for highlighting."""
        seen: list[str] = []
        for terms in [self.exact_terms, *self.synonym_terms()]:
            for term in terms:
                if term not in seen:
                    seen.append(term)
        return seen

    def searched_as(self) -> list[str]:
        """The other terms the query was also searched as, for telling the visitor."""
        return [alt for match in self.matches for alt in match.alternatives]


_CONTROL = re.compile(r"[\u0000-\u001f\u007f-\u009f\u2028\u2029]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, no invisible characters, control characters as
    spaces, single spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def terms_of(text: str) -> list[str]:
    terms = query_terms(text)
    meaningful = [t for t in terms if t not in FILLERS]
    return meaningful or terms


def load_table() -> Table:
    """The active table, from the shared cache (rebuilt after every change of the table)."""
    table = cache.get(CACHE_KEY)
    if table is None:
        from opencounty.search.models import Synonym

        entries = [
            Entry(row.term, tuple(row.expansion_list()), row.bidirectional)
            for row in Synonym.objects.filter(active=True).order_by("term")
        ]
        table = Table.of(entries)
        cache.set(CACHE_KEY, table, CACHE_SECONDS)
    return table


def table_changed() -> None:
    cache.delete(CACHE_KEY)


def rewrite(query: str, table: Table | None = None) -> Rewrite:
    """The variants of a query: as typed first, then with the table's replacements."""
    text = normalise(query)[:MAX_QUERY_CHARS]
    table = load_table() if table is None else table
    pieces: list[list[str]] = []  # each piece: the text as typed, then its replacements
    matches: list[Match] = []
    plain, i = "", 0
    while i < len(text):
        found = None
        if len(matches) < MAX_MATCHES:
            for length in range(min(table.longest, len(text) - i), 1, -1):
                form = text[i : i + length]
                if form in table.replacements and not _inside_full_term(text, i, form, table):
                    found = form
                    break
        if found is None:
            plain += text[i]
            i += 1
            continue
        if plain:
            pieces.append([plain])
            plain = ""
        alternatives = table.replacements[found]
        pieces.append([found, *alternatives])
        matches.append(Match(found, tuple(alternatives)))
        i += len(found)
    if plain:
        pieces.append([plain])
    variants: list[str] = [text]
    for combination in itertools.islice(itertools.product(*pieces), MAX_VARIANTS):
        # Replacements are glued back as typed, so the segmenter cuts the variant as it
        # would cut a person typing it ("医疗保障局" → 医疗 | 保障局).
        variant = "".join(combination)
        if variant not in variants:
            variants.append(variant)
    return Rewrite(query=text, variants=variants, matches=matches)


def _inside_full_term(text: str, at: int, form: str, table: Table) -> bool:
    """Whether the form found at `at` is part of one of its own full terms written out
    (公积金 in 住房公积金): the query already says what the replacement would add."""
    for alternative in table.replacements[form]:
        offset = alternative.find(form)
        start = at - offset
        if offset >= 0 and start >= 0 and text[start : start + len(alternative)] == alternative:
            return True
    return False
