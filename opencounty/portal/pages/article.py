from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from opencounty.portal.pages.base import PortalPage
from opencounty.portal.panels import TextCheckPanel
from opencounty.portal.units import unit_for_page
from opencounty.search.segment import segment_for_index


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

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel([FieldPanel("source"), FieldPanel("provider")], heading=_("来源信息")),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("cover_image"),
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

    search_fields = PortalPage.search_fields + [
        index.SearchField("segmented_title", boost=3),
        index.SearchField("segmented_text"),
    ]

    class Meta:
        verbose_name = _("文章")

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
        return context

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


class ArticleAttachment(Orderable):
    """A file attached to an article, kept as a Wagtail document."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")
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
