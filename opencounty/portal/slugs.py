"""Readable slugs for new pages: the pinyin of the title's words, short, ASCII only.

关于做好2026年老旧小区改造工作的通知 → guanyu-zuohao-2026nian-laojiu-xiaoqu-gaizao, instead of
~150 characters of percent-encoded Chinese (docs/decisions/0006). Existing pages keep their slugs.
"""

from __future__ import annotations

import re

import rjieba
from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_LENGTH = 50
FALLBACK = "yemian"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def readable_slug(title: str, max_length: int = MAX_LENGTH) -> str:
    """Pinyin words of `title` joined by hyphens, cut at a word boundary within `max_length`."""
    slug = ""
    for word in rjieba.cut(title or ""):
        part = slugify("".join(lazy_pinyin(word, errors="default")))
        if not part:
            continue
        candidate = f"{slug}-{part}" if slug else part
        if len(candidate) > max_length:
            if not slug:
                slug = part[:max_length].strip("-")
            break
        slug = candidate
    return slug or FALLBACK


def needs_readable_slug(slug: str, title: str) -> bool:
    """True when the slug was not chosen by a person: empty, Chinese (percent-encoded in URLs),
    or only the ASCII left over from a Chinese title (the admin's script drops the Chinese)."""
    if not slug or not slug.isascii():
        return True
    return bool(_CJK.search(title or "")) and slug == slugify(title)


def unique_slug(base: str, parent, exclude_pk: int | None = None) -> str:
    """`base`, or `base-2`, `base-3`… whichever no sibling under `parent` uses yet."""
    siblings = parent.get_children()
    if exclude_pk is not None:
        siblings = siblings.exclude(pk=exclude_pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class ReadableSlugFormMixin:
    """For the admin form of a page: on creation the slug may be left empty, and an empty,
    Chinese or title-derived slug becomes the readable pinyin one."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self._creating() and "slug" in self.fields:
            self.fields["slug"].required = False

    def _creating(self) -> bool:
        return self.instance.pk is None

    def clean(self):
        cleaned_data = super().clean()
        parent = getattr(self, "parent_page", None)
        if self._creating() and parent is not None and "slug" in self.fields:
            slug, title = cleaned_data.get("slug") or "", cleaned_data.get("title") or ""
            if needs_readable_slug(slug, title):
                cleaned_data["slug"] = unique_slug(readable_slug(title), parent)
                self.errors.pop("slug", None)
        return cleaned_data
