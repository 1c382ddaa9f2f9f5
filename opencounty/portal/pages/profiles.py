from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from opencounty.portal.pages.base import PortalPage


class OrganisationPage(PortalPage):
    """Organisation and functions (机构职能) of one unit, in the one uniform layout."""

    functions = RichTextField(_("主要职责"))
    internal_bodies = RichTextField(_("内设机构"), blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("functions"),
        FieldPanel("internal_bodies"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("hours"),
                FieldPanel("phone"),
                FieldPanel("postcode"),
            ],
            heading=_("联系方式"),
        ),
    ]
    parent_page_types = ["portal.UnitSitePage", "portal.ColumnPage", "portal.PortalHomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("机构职能")
        verbose_name_plural = _("机构职能")

    def text_for_check(self) -> str:
        return "\n".join([self.title, strip_tags(self.functions), strip_tags(self.internal_bodies)])


class LeaderPage(PortalPage):
    """A leader (领导信息): name, photo, position, résumé and duties."""

    name = models.CharField(_("姓名"), max_length=20)
    position = models.CharField(_("职务"), max_length=100)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resume = RichTextField(_("简历"))
    duties = RichTextField(_("工作分工"))
    order = models.PositiveIntegerField(_("排序"), default=0)

    content_panels = PortalPage.content_panels + [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("resume"),
        FieldPanel("duties"),
        FieldPanel("order"),
    ]
    parent_page_types = ["portal.UnitSitePage", "portal.ColumnPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("领导信息")
        verbose_name_plural = _("领导信息")

    def text_for_check(self) -> str:
        return "\n".join(
            [self.title, self.name, self.position, strip_tags(self.resume), strip_tags(self.duties)]
        )
