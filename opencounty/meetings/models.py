"""Video conferences (视频会议): rooms and sites, bookings (会前申请), the support checklist
(会中保障), minutes, recording and attendance (会后处理).

Times are aware datetimes stored in UTC and shown in Asia/Shanghai."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Room(models.Model):
    """A conference room or site: the county centre (主会场) or a township's or department's room."""

    class Kind(models.TextChoices):
        CENTRE = "centre", _("县视频会议中心")
        TOWNSHIP = "township", _("乡镇分会场")
        DEPARTMENT = "department", _("部门分会场")

    name = models.CharField(_("会场名称"), max_length=60, unique=True)
    kind = models.CharField(_("会场类别"), max_length=16, choices=Kind.choices)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("所属单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_rooms",
    )
    location = models.CharField(_("地点"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("容纳人数"), default=0)
    active = models.BooleanField(_("可预约"), default=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    # The secret in the room's calendar-feed address; the office rotates it to cut off a leaked one.
    feed_token = models.CharField(
        _("日历订阅口令"), max_length=64, unique=True, default=new_feed_token, editable=False
    )

    class Meta:
        verbose_name = _("会场")
        verbose_name_plural = _("会场")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Conference(models.Model):
    """A unit's application to hold or join a county video conference, and what follows."""

    class State(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("未批准")
        CANCELLED = "cancelled", _("已撤销")

    reference = models.CharField(_("编号"), max_length=32, blank=True)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("申请单位"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("会议名称"), max_length=100)
    start = models.DateTimeField(_("开始时间"), db_index=True)
    end = models.DateTimeField(_("结束时间"), db_index=True)
    rooms = models.ManyToManyField(Room, verbose_name=_("会场"), related_name="conferences")
    participants = models.TextField(_("参会人员"), max_length=2000)
    technical_needs = models.TextField(_("技术需求"), max_length=2000, blank=True)
    state = models.CharField(
        _("状态"), max_length=16, choices=State.choices, default=State.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    refusal_reason = models.TextField(_("不予批准理由"), max_length=1000, blank=True)
    minutes = models.TextField(_("会议纪要"), max_length=20000, blank=True)
    recording_location = models.CharField(_("录像存档位置"), max_length=200, blank=True)
    closed_at = models.DateTimeField(_("会后登记时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("视频会议")
        verbose_name_plural = _("视频会议")
        ordering = ["-start"]

    def __str__(self) -> str:
        return self.title

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


class Checklist(models.Model):
    """The support checklist (会中保障) of an approved conference, kept by technical staff."""

    conference = models.OneToOneField(
        Conference,
        verbose_name=_("视频会议"),
        on_delete=models.CASCADE,
        related_name="checklist",
    )
    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("技术保障人员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_checklists",
    )
    test_call_at = models.DateTimeField(_("调试时间"), null=True, blank=True)
    test_call_done = models.BooleanField(_("已完成联调测试"), default=False)
    cameras_ok = models.BooleanField(_("摄像头正常"), default=False)
    sound_ok = models.BooleanField(_("音响话筒正常"), default=False)
    recording_ok = models.BooleanField(_("录像已开启"), default=False)
    note = models.TextField(_("保障情况说明"), max_length=2000, blank=True)
    completed_at = models.DateTimeField(_("保障完成时间"), null=True, blank=True)

    ITEMS = ("test_call_done", "cameras_ok", "sound_ok", "recording_ok")

    class Meta:
        verbose_name = _("会议保障清单")
        verbose_name_plural = _("会议保障清单")

    def __str__(self) -> str:
        return str(self.conference)

    @property
    def done_count(self) -> int:
        return sum(1 for name in self.ITEMS if getattr(self, name))

    @property
    def complete(self) -> bool:
        return self.done_count == len(self.ITEMS)


class Attendance(models.Model):
    """Who attended at one site of a past conference (会后处理)."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("视频会议"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    room = models.ForeignKey(
        Room, verbose_name=_("会场"), on_delete=models.PROTECT, related_name="+"
    )
    joined = models.BooleanField(_("已接入"), default=True)
    attendees = models.PositiveIntegerField(_("参会人数"), default=0)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("分会场出席")
        verbose_name_plural = _("分会场出席")
        constraints = [
            models.UniqueConstraint(fields=["conference", "room"], name="meetings_one_row_per_site")
        ]

    def __str__(self) -> str:
        return f"{self.conference} · {self.room}"
