"""Error reports (我为政府网站找错) on the case engine."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ErrorReport"]


class ErrorReport(models.Model):
    class ErrorType(models.TextChoices):
        TYPO = "typo", _("错别字/病句")
        BROKEN_LINK = "broken_link", _("链接失效")
        BROKEN_FILE = "broken_file", _("图片或附件无法打开")
        OUTDATED = "outdated", _("内容过时或不准确")
        UNREACHABLE = "unreachable", _("页面无法访问")
        OTHER = "other", _("其他")

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="error_report"
    )
    page_url = models.URLField(_("出错页面地址"), max_length=500)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("出错页面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="error_reports",
    )
    error_type = models.CharField(_("错误类型"), max_length=20, choices=ErrorType.choices)
    description = models.TextField(_("问题描述"))
    fixed_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("修正版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fixed_at = models.DateTimeField(_("修正时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("网站纠错")
        verbose_name_plural = _("网站纠错")

    def __str__(self) -> str:
        return self.case.receipt_number

    @property
    def is_fixed(self) -> bool:
        return self.fixed_at is not None
