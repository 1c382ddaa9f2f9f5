"""The approved content of each live page, and what the check found when a page differed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageFingerprint(models.Model):
    """The fingerprint (an HMAC with the audit key) of a live page's content as approved."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("审核通过的版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_hash = models.CharField(_("内容指纹"), max_length=64)
    recorded_at = models.DateTimeField(_("记录时间"))
    baseline = models.BooleanField(
        _("首次核对时记录"),
        default=False,
        help_text=_("本功能启用前已发布的页面，在第一次核对时记录当时的内容。"),
    )

    class Meta:
        verbose_name = _("页面指纹")
        verbose_name_plural = _("页面指纹")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.content_hash[:12]}"


class TamperIncident(models.Model):
    """A live page found different from its approved content (网页篡改告警)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_title = models.CharField(_("页面标题"), max_length=255)
    url = models.CharField(_("网址"), max_length=500, blank=True)
    detected_at = models.DateTimeField(_("发现时间"), db_index=True)
    changed_fields = models.JSONField(_("被改动的字段"), default=list)
    expected_hash = models.CharField(_("应有指纹"), max_length=64)
    found_hash = models.CharField(_("实际指纹"), max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("恢复所用版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    restored = models.BooleanField(_("已恢复"), default=False)
    note = models.CharField(_("说明"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("网页篡改告警")
        verbose_name_plural = _("网页篡改告警")
        ordering = ["-detected_at"]

    def __str__(self) -> str:
        return f"{self.detected_at:%Y-%m-%d %H:%M} {self.page_title}"
