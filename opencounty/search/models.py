"""What the county office keeps for search: the synonym and abbreviation table, and the
daily counts of searches that found nothing."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

EXPANSION_SEPARATORS = re.compile(r"[、，,；;／/\s]+")


def split_expansions(text: str) -> list[str]:
    """The full terms of an entry, in the order written, without blanks or repeats."""
    terms: list[str] = []
    for part in EXPANSION_SEPARATORS.split(text or ""):
        if part and part not in terms:
            terms.append(part)
    return terms


class Synonym(models.Model):
    """One entry of the table (同义词与简称): what people type, and the terms documents use."""

    term = models.CharField(
        _("群众常用说法"),
        max_length=20,
        unique=True,
        help_text=_("群众搜索时常用的简称或说法，如“医保”。"),
    )
    expansions = models.CharField(
        _("规范全称"),
        max_length=250,
        help_text=_("文件和办事指南中的规范用语，多个用顿号“、”分隔，如“医疗保障、医疗保险”。"),
    )
    bidirectional = models.BooleanField(
        _("全称也查简称"),
        default=True,
        help_text=_("勾选后，搜索规范全称时也能找到只写了简称的信息。"),
    )
    note = models.CharField(_("说明"), max_length=100, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词与简称")
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {self.expansions}"

    def expansion_list(self) -> list[str]:
        return split_expansions(self.expansions)


class ZeroResultQuery(models.Model):
    """How often a search found nothing, per day: the text (cleaned, shortened, numbers
    masked), where it was searched and a count. Never who searched or from where."""

    class Where(models.TextChoices):
        SITE = "site", _("全站搜索")
        SERVICES = "services", _("办事事项检索")

    day = models.DateField(_("日期"), db_index=True)
    where = models.CharField(_("搜索位置"), max_length=10, choices=Where.choices)
    query = models.CharField(_("检索词"), max_length=30, blank=True)
    count = models.PositiveIntegerField(_("次数"), default=0)

    class Meta:
        verbose_name = _("无结果检索词")
        verbose_name_plural = _("无结果检索词")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "where", "query"], name="one_zero_result_row_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.query or '…'} ×{self.count}"


class SearchEntry(models.Model):
    """One live article or service guide in site search's own index (issue 12): what the
    filters and the recency boost read for every match, kept narrow so that ranking tens of
    thousands of matches reads little. The words are in `SearchText`, and the engine's index
    over them (an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL) is
    made by the migration; `opencounty.search.index` is the only writer."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_guide = models.BooleanField(_("办事指南"), default=False)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    column = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("栏目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    path = models.CharField(_("页面树路径"), max_length=255)
    # Seconds since the epoch (UTC), so that the recency boost is plain arithmetic in SQL.
    published = models.BigIntegerField(_("首次发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("检索索引条目")
        verbose_name_plural = _("检索索引条目")

    def __str__(self) -> str:
        return str(self.page_id)


class SearchText(models.Model):
    """The words of one index entry (rjieba's cut, space-separated) and the plain text its
    result line quotes; read for the rows shown only."""

    entry = models.OneToOneField(
        SearchEntry,
        verbose_name=_("检索索引条目"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="words",
    )
    title = models.TextField(_("标题"))
    text = models.TextField(_("摘录用正文"), blank=True)
    title_terms = models.TextField(_("标题分词"), blank=True)
    body_terms = models.TextField(_("正文分词"), blank=True)
    # SQLite only (docs/decisions/0026): the FTS5 rowid, publication minute then page id, so
    # that the newest matches and a date range are a range of rowids; and the words the unit,
    # column and guide filters match. Left empty on PostgreSQL, which filters the entry.
    sort_key = models.BigIntegerField(_("排序键"), null=True, blank=True)
    filter_terms = models.TextField(_("筛选词"), blank=True, default="")

    class Meta:
        verbose_name = _("检索索引文本")
        verbose_name_plural = _("检索索引文本")

    def __str__(self) -> str:
        return self.title
