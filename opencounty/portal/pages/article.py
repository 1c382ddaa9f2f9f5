from __future__ import annotations

import re

from django.db import models
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from opencounty.portal.pages.base import DESCRIPTION_LENGTH, PortalPage, PortalPageForm
from opencounty.portal.pages.column import ARTICLE_ORDER
from opencounty.portal.panels import TextCheckPanel
from opencounty.portal.units import unit_for_page
from opencounty.search.segment import segment_for_index

KEYWORD_SEPARATORS = re.compile(r"[,，、;；\s]+")


class ArticlePageForm(PortalPageForm):
    """Checks the link of an interpretation (政策解读) to the policy document it explains (and,
    like every portal page, gives a new article a readable slug)."""

    def clean(self):
        cleaned = super().clean()
        policy = cleaned.get("interprets")
        if policy is None:
            return cleaned
        from opencounty.portal.pages.column import ColumnPage

        parent = self.parent_page.specific if self.parent_page else None
        if not isinstance(parent, ColumnPage) or parent.kind != ColumnPage.Kind.INTERPRETATION:
            self.add_error("interprets", _("只有政策解读栏目中的稿件可以关联被解读的政策文件。"))
        elif policy.pk == self.instance.pk:
            self.add_error("interprets", _("稿件不能解读自身。"))
        else:
            column = policy.get_parent().specific
            if not isinstance(column, ColumnPage) or column.kind != ColumnPage.Kind.POLICY:
                self.add_error("interprets", _("请选择政策文件栏目中的文件。"))
        return cleaned


class ArticlePage(PortalPage):
    """An article (文章/稿件): news, notice, policy document or interpretation."""

    source = models.CharField(
        _("来源"), max_length=100, blank=True, help_text=_("留空则为本单位。")
    )
    provider = models.CharField(_("信息提供人"), max_length=50, blank=True)
    summary = models.CharField(_("摘要"), max_length=300, blank=True)
    body = RichTextField(_("正文"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interprets = models.ForeignKey(
        "portal.ArticlePage",
        verbose_name=_("解读的政策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
        help_text=_("政策解读稿件请选择所解读的政策文件；该文件页面将列出本解读。"),
    )
    keywords = models.CharField(
        _("关键词"),
        max_length=100,
        blank=True,
        default="",
        db_default="",  # the demo inserts articles in bulk with SQL of its own
        help_text=_("用逗号或顿号分隔；留空则使用栏目名称和来源单位。"),
    )

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel([FieldPanel("source"), FieldPanel("provider")], heading=_("来源信息")),
        FieldPanel("summary"),
        FieldPanel("keywords"),
        FieldPanel("body"),
        FieldPanel("cover_image"),
        FieldPanel("interprets"),
        InlinePanel("attachments", label=_("附件")),
        InlinePanel(
            "catalogue",
            label=_("公开目录信息"),
            max_num=1,
            help_text=_("属于政府信息的（如政策文件），请填写公开目录信息；发布时自动生成索引号。"),
        ),
        TextCheckPanel(heading=_("文字检查")),
    ]
    parent_page_types = ["portal.ColumnPage"]
    subpage_types: list[str] = []
    base_form_class = ArticlePageForm

    search_fields = PortalPage.search_fields + [
        index.SearchField("segmented_title", boost=3),
        index.SearchField("segmented_text"),
    ]

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")

    @classmethod
    def get_indexed_objects(cls):
        """What the search fields read (attachments, the catalogue record), fetched a chunk at
        a time when the admin's page search index is built, not once per article."""
        return super().get_indexed_objects().prefetch_related("attachments__document", "catalogue")

    def get_context(self, request, *args, **kwargs):
        from opencounty.portal.models import PublicationRecord

        context = super().get_context(request, *args, **kwargs)
        context["publication"] = (
            PublicationRecord.objects.filter(page=self)
            .select_related("provided_by", "reviewed_by", "published_by")
            .order_by("-published_at")
            .first()
        )
        context["catalogue"] = self.catalogue_record()
        context["index_number"] = getattr(self, "index_number", None)
        if context["catalogue"] is not None:
            unit = unit_for_page(self)
            context["apply_unit_code"] = unit.code if unit else ""
        context["previous_article"], context["next_article"] = self.neighbours()
        context["interpreted_policy"] = self.interpreted_policy()
        context["interpretations"] = list(self.live_interpretations())
        return context

    def siblings(self):
        return ArticlePage.objects.sibling_of(self, inclusive=False).live().public()

    def neighbours(self) -> tuple[ArticlePage | None, ArticlePage | None]:
        """上一篇 and 下一篇: the articles above and below this one in its column's list, which
        is newest first (so 上一篇 is the next newer, 下一篇 the next older)."""
        if self.first_published_at is None:
            return None, None
        at = self.first_published_at
        newer = self.siblings().filter(
            Q(first_published_at__gt=at) | Q(first_published_at=at, id__gt=self.id)
        )
        older = self.siblings().filter(
            Q(first_published_at__lt=at) | Q(first_published_at=at, id__lt=self.id)
        )
        previous = newer.order_by("first_published_at", "id").first()
        following = older.order_by(*ARTICLE_ORDER).first()
        return previous, following

    def interpreted_policy(self) -> ArticlePage | None:
        """The policy document this interpretation explains, if it is public."""
        if self.interprets_id is None:
            return None
        return ArticlePage.objects.live().public().filter(pk=self.interprets_id).first()

    def live_interpretations(self):
        """The public interpretations (政策解读) of this policy document, newest first."""
        return ArticlePage.objects.live().public().filter(interprets=self).order_by(*ARTICLE_ORDER)

    def catalogue_record(self):
        """The catalogue metadata (公开目录信息), if this article is catalogued government information."""
        return next(iter(self.catalogue.all()), None)

    def is_readable(self) -> bool:
        """False for catalogued information not disclosed proactively: the public sees the entry only."""
        record = self.catalogue_record()
        return record is None or record.is_readable

    def attachment_titles(self) -> list[str]:
        return [a.display_title for a in self.attachments.all()]

    def plain_body(self) -> str:
        return strip_tags(self.body or "")

    def segmented_title(self) -> str:
        return segment_for_index(self.title)

    def segmented_text(self) -> str:
        if not self.is_readable():
            return ""
        return segment_for_index(
            " ".join([self.summary, self.plain_body(), *self.attachment_titles()])
        )

    def text_for_check(self) -> str:
        return "\n".join([self.title, self.summary, self.plain_body(), *self.attachment_titles()])

    def content_source(self) -> str:
        return self.source or super().content_source()

    def meta_keywords(self) -> list[str]:
        own = [word for word in KEYWORD_SEPARATORS.split(self.keywords or "") if word]
        if own:
            return own
        words = super().meta_keywords()
        record = self.catalogue_record()
        if record is not None:
            words.append(str(record.get_subject_display()))
        return words

    def meta_description(self) -> str:
        text = self.search_description or self.summary
        if not text and self.is_readable():
            text = self.plain_body()
        return " ".join((text or self.title).split())[:DESCRIPTION_LENGTH]


class ArticleAttachment(Orderable):
    """A file attached to an article, kept as a Wagtail document."""

    page = ParentalKey(
        ArticlePage, verbose_name=_("页面"), on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("显示名称"), max_length=200, blank=True, help_text=_("留空则用文件标题。")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title
