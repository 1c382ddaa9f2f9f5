"""Portal models: page types (in pages/), site settings, review tasks and publication records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from opencounty.portal.pages import *  # noqa: F403
from opencounty.portal.review import UnitReviewTask  # noqa: F401


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """What the national rules require in every page's footer and meta tags."""

    site_name = models.CharField(_("网站名称"), max_length=100)
    sponsor = models.CharField(_("主办单位"), max_length=100)
    organiser = models.CharField(_("承办单位"), max_length=100, blank=True)
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    site_id_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True)
    police_record_number = models.CharField(_("公安机关备案号"), max_length=50, blank=True)
    party_mark = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("党政机关网站标识"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("site_name"),
                FieldPanel("sponsor"),
                FieldPanel("organiser"),
                FieldPanel("contact"),
            ],
            heading=_("网站信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_id_code"),
                FieldPanel("icp_number"),
                FieldPanel("police_record_number"),
                FieldPanel("party_mark"),
            ],
            heading=_("标识与备案"),
        ),
    ]

    class Meta:
        verbose_name = _("网站设置")
        verbose_name_plural = _("网站设置")


class TextCheckOverride(models.Model):
    """A reviewer's decision to approve despite text-check hits, with the reason."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("版本"), on_delete=models.CASCADE, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("理由"))
    hits = models.JSONField(_("命中词"), default=list)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("文字检查放行记录")
        verbose_name_plural = _("文字检查放行记录")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.reason}"


class PublicationRecord(models.Model):
    """Who provided, who reviewed and who published one published revision (谁提供、谁审核、谁负责)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        on_delete=models.CASCADE,
        related_name="publication_records",
    )
    revision = models.OneToOneField(
        "wagtailcore.Revision", verbose_name=_("版本"), on_delete=models.CASCADE, related_name="+"
    )
    provided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提供人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"))

    class Meta:
        verbose_name = _("发布记录")
        verbose_name_plural = _("发布记录")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.published_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def person(user) -> str:
        if user is None:
            return ""
        return user.get_full_name() or user.get_username()

    def provider_name(self) -> str:
        return self.person(self.provided_by)

    def reviewer_name(self) -> str:
        return self.person(self.reviewed_by)

    def publisher_name(self) -> str:
        return self.person(self.published_by)
