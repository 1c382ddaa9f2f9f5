"""Counters and used tokens in the database: a flood of cache entries cannot evict them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    """How often something happened for one client within a fixed window (计数窗口)."""

    scope = models.CharField(_("类别"), max_length=64)
    # A keyed hash of the client (its address, say): who it was is not stored in the clear.
    key = models.CharField(_("对象摘要"), max_length=64)
    count = models.PositiveIntegerField(_("次数"), default=0)
    expires_at = models.DateTimeField(_("窗口结束时间"), db_index=True)

    class Meta:
        verbose_name = _("访问计数")
        verbose_name_plural = _("访问计数")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="limits_counter_one_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]} {self.count}"


class UsedToken(models.Model):
    """A single-use token that has been used (a captcha answer); the unique row is the lock."""

    scope = models.CharField(_("类别"), max_length=64)
    token = models.CharField(_("令牌摘要"), max_length=64)
    expires_at = models.DateTimeField(_("可删除时间"), db_index=True)

    class Meta:
        verbose_name = _("已使用令牌")
        verbose_name_plural = _("已使用令牌")
        constraints = [
            models.UniqueConstraint(fields=["scope", "token"], name="limits_token_used_once")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.token[:8]}"
