"""What staff login (身份鉴别) remembers beside the user: password hashes for the history rule,
when the password was last set, and the previous login for the dashboard notice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencounty.core.crypto import EncryptedTextField


class PasswordHistory(models.Model):
    """One password an account had (its hash only, never the password)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="password_history",
    )
    password = models.CharField(_("密码摘要"), max_length=128)
    changed_at = models.DateTimeField(_("设置时间"))

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["-changed_at", "-id"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.user_id} {self.changed_at:%Y-%m-%d %H:%M}"


class LoginState(models.Model):
    """When the password was set and the last two logins of one account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="login_state",
    )
    password_changed_at = models.DateTimeField(_("密码设置时间"), null=True, blank=True)
    current_login_at = models.DateTimeField(_("本次登录时间"), null=True, blank=True)
    current_login_ip = models.GenericIPAddressField(_("本次登录地址"), null=True, blank=True)
    previous_login_at = models.DateTimeField(_("上次登录时间"), null=True, blank=True)
    previous_login_ip = models.GenericIPAddressField(_("上次登录地址"), null=True, blank=True)

    class Meta:
        verbose_name = _("登录状态")
        verbose_name_plural = _("登录状态")
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.user_id)


class StaffProfile(models.Model):
    """What the platform knows of a staff member beyond the login: the mobile number that
    reminders (e.g. 公文催办短信) are sent to. Stored encrypted."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    mobile = EncryptedTextField(_("手机号码"), blank=True)

    class Meta:
        verbose_name = _("工作人员资料")
        verbose_name_plural = _("工作人员资料")
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.user_id)
