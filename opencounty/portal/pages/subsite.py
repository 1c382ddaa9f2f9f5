from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from opencounty.portal.pages.base import PortalPage


class SubsiteIndexPage(PortalPage):
    """A directory of sub-sites on the portal (部门 / 乡镇)."""

    metadata_type = "column"

    intro = models.CharField(_("导语"), max_length=200, blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.PortalHomePage"]
    subpage_types = ["portal.UnitSitePage"]

    class Meta:
        verbose_name = _("子站目录")
        verbose_name_plural = _("子站目录")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subsites"] = UnitSitePage.objects.child_of(self).live().select_related("unit")
        return context


class UnitSitePage(PortalPage):
    """The home of one department's or township's sub-site; one template serves them all."""

    metadata_type = "column"
    is_site_home = True

    unit = models.OneToOneField(
        "core.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="site_page"
    )
    intro = models.TextField(_("简介"), blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("unit"), FieldPanel("intro")]
    parent_page_types = ["portal.SubsiteIndexPage", "portal.PortalHomePage"]
    subpage_types = [
        "portal.ColumnPage",
        "portal.OrganisationPage",
        "portal.LeaderPage",
        "portal.TopicPage",
        "disclosure.DisclosurePage",
        "services.ServiceIndexPage",
        "interaction.ConsultationPage",
    ]

    class Meta:
        verbose_name = _("单位子站")
        verbose_name_plural = _("单位子站")

    def get_context(self, request, *args, **kwargs):
        from opencounty.portal.pages.column import ColumnPage, column_lists

        context = super().get_context(request, *args, **kwargs)
        context["column_lists"] = column_lists(ColumnPage.objects.child_of(self).live(), 5)
        context["other_pages"] = self.get_children().live().not_type(ColumnPage)
        return context
