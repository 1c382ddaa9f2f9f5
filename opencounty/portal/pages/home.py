from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from opencounty.portal.pages.base import PortalPage


class PortalHomePage(PortalPage):
    """The county portal's home page (门户首页): headline columns, sub-site directory, search."""

    metadata_type = "home"

    intro = models.CharField(_("导语"), max_length=200, blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("门户首页")
        verbose_name_plural = _("门户首页")

    def get_context(self, request, *args, **kwargs):
        from opencounty.portal.entries import home_entries
        from opencounty.portal.pages.column import ColumnPage, column_lists
        from opencounty.portal.pages.subsite import UnitSitePage
        from opencounty.portal.pages.topic import TopicPage

        context = super().get_context(request, *args, **kwargs)
        context["entries"] = home_entries(self, request)
        columns = ColumnPage.objects.child_of(self).live().in_menu()
        context["column_lists"] = column_lists([c for c in columns if c.is_headline], 6)
        context["other_columns"] = [column for column in columns if not column.is_headline]
        context["topics"] = TopicPage.objects.child_of(self).live()
        subsites = UnitSitePage.objects.descendant_of(self).live().select_related("unit")
        context["departments"] = [s for s in subsites if s.unit.kind == "department"]
        context["townships"] = [s for s in subsites if s.unit.kind == "township"]
        return context
