"""The text check: sensitive words, wrong expressions and typos from the managed word list."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import strip_tags

from opencounty.core.models import WordRule


@dataclass(frozen=True)
class Hit:
    phrase: str
    kind: str
    kind_label: str
    suggestion: str
    count: int
    context: str


def find_hits(*texts: str) -> list[Hit]:
    """Return one hit per listed phrase that occurs in any of the texts (HTML is stripped)."""
    plain = "\n".join(strip_tags(text or "") for text in texts)
    hits = []
    for rule in WordRule.objects.filter(active=True):
        count = plain.count(rule.phrase)
        if not count:
            continue
        at = plain.find(rule.phrase)
        context = plain[max(0, at - 12) : at + len(rule.phrase) + 12].replace("\n", " ")
        hits.append(
            Hit(
                phrase=rule.phrase,
                kind=rule.kind,
                kind_label=str(rule.get_kind_display()),
                suggestion=rule.suggestion,
                count=count,
                context=context,
            )
        )
    return hits
