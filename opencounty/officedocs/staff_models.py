"""Staff notices (内部通知) with read receipts, and the staff directory (通讯录).

Imported at the end of `officedocs.models`, so Django sees them in the `officedocs` app.
Notices change only through `officedocs.notices`; the directory only through
`officedocs.directory`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit
from opencounty.core.storage import PrivateStorage


class StaffNotice(models.Model):
    """A notice a unit sends to the staff of chosen units: never public."""

    sender = models.ForeignKey(
        Unit, verbose_name=_("发布单位"), on_delete=models.PROTECT, related_name="sent_notices"
    )
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("正文"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("发布时间"), db_index=True)
    units = models.ManyToManyField(
        Unit, verbose_name=_("接收单位"), through="NoticeRecipient", related_name="+"
    )

    class Meta:
        verbose_name = _("内部通知")
        verbose_name_plural = _("内部通知")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.title


class NoticeRecipient(models.Model):
    """One unit a notice was sent to: every handling staff member of it receives it."""

    notice = models.ForeignKey(
        StaffNotice, verbose_name=_("内部通知"), on_delete=models.CASCADE, related_name="recipients"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("接收单位"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("通知接收单位")
        verbose_name_plural = _("通知接收单位")
        constraints = [
            models.UniqueConstraint(fields=["notice", "unit"], name="one_notice_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.notice} → {self.unit}"


class NoticeAttachment(models.Model):
    """An attachment of a notice: a private file, served only to the sender and recipients."""

    notice = models.ForeignKey(
        StaffNotice,
        verbose_name=_("内部通知"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("文件"), storage=PrivateStorage(), upload_to="officedocs/notices/%Y/%m/"
    )
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("通知附件")
        verbose_name_plural = _("通知附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class NoticeReceipt(models.Model):
    """回执: one staff member opened the notice (the first time is kept)."""

    notice = models.ForeignKey(
        StaffNotice, verbose_name=_("内部通知"), on_delete=models.CASCADE, related_name="receipts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("阅读人"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    read_at = models.DateTimeField(_("阅读时间"))

    class Meta:
        verbose_name = _("阅读回执")
        verbose_name_plural = _("阅读回执")
        constraints = [
            models.UniqueConstraint(fields=["notice", "user"], name="one_receipt_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.notice} ← {self.user}"


class DirectoryUnit(models.Model):
    """A unit's page of the staff directory: its duty phone and fax."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="directory"
    )
    duty_phone = models.CharField(_("值班电话"), max_length=40, blank=True)
    fax = models.CharField(_("传真"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("单位通讯信息")
        verbose_name_plural = _("单位通讯信息")

    def __str__(self) -> str:
        return str(self.unit)


class DirectoryOffice(models.Model):
    """An office or section (科室) of a unit, with its phone."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="directory_offices"
    )
    name = models.CharField(_("科室"), max_length=60)
    phone = models.CharField(_("办公电话"), max_length=40, blank=True)
    room = models.CharField(_("办公室"), max_length=60, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("科室")
        verbose_name_plural = _("科室")
        ordering = ["unit", "order", "id"]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.name}"


class DirectoryContact(models.Model):
    """A person of a unit in the directory. The mobile number is for staff only."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="directory_contacts"
    )
    office = models.CharField(_("科室"), max_length=60, blank=True)
    name = models.CharField(_("姓名"), max_length=40)
    post = models.CharField(_("职务"), max_length=60, blank=True)
    office_phone = models.CharField(_("办公电话"), max_length=40, blank=True)
    mobile = models.CharField(_("手机"), max_length=20, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("联系人")
        verbose_name_plural = _("联系人")
        ordering = ["unit", "order", "id"]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.name}"
