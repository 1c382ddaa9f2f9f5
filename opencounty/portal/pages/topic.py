from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from opencounty.portal.pages.base import PortalPage


class TopicPage(PortalPage):
    """A topic (专题): an introduction and its own columns."""

    metadata_type = "column"
    column_type_label = _("专题专栏")

    intro = RichTextField(_("专题介绍"), blank=True)
    banner = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("横幅图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = PortalPage.content_panels + [FieldPanel("intro"), FieldPanel("banner")]
    parent_page_types = ["portal.PortalHomePage", "portal.UnitSitePage", "portal.ColumnPage"]
    subpage_types = ["portal.ColumnPage"]

    class Meta:
        verbose_name = _("专题")
        verbose_name_plural = _("专题")

    def get_context(self, request, *args, **kwargs):
        from opencounty.portal.pages.column import ColumnPage, column_lists

        context = super().get_context(request, *args, **kwargs)
        context["column_lists"] = column_lists(ColumnPage.objects.child_of(self).live(), 5)
        return context
