"""Emergency duty (应急值守): public warnings and their text messages, duty rosters and
handover notes, incident reports (the domain row of a case on the engine), leaders'
instructions, emergency plans and every unit's emergency contacts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opencounty.core.crypto import EncryptedTextField
from opencounty.core.masking import mask_phone
from opencounty.core.storage import PrivateStorage


class WarningLevel(models.TextChoices):
    """The four colours of a public warning, mildest first."""

    BLUE = "blue", _("蓝色")
    YELLOW = "yellow", _("黄色")
    ORANGE = "orange", _("橙色")
    RED = "red", _("红色")


class WarningKind(models.TextChoices):
    RAINSTORM = "rainstorm", _("暴雨")
    TYPHOON = "typhoon", _("台风")
    HEAT = "heat", _("高温")
    COLD = "cold", _("寒潮")
    WIND = "wind", _("大风")
    HAIL = "hail", _("冰雹")
    THUNDER = "thunder", _("雷电")
    FOG = "fog", _("大雾")
    ICE = "ice", _("道路结冰")
    DROUGHT = "drought", _("干旱")
    FOREST_FIRE = "forest_fire", _("森林火险")
    GEOLOGICAL = "geological", _("地质灾害")
    FLOOD = "flood", _("洪水")
    OTHER = "other", _("其他")


class PublicWarningQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True, valid_until__gt=now, published_at__lte=now)


class PublicWarning(models.Model):
    """A warning published by the county office (预警信息): a banner on every public page
    while it is active (published, not lifted, not expired)."""

    kind = models.CharField(_("预警类型"), max_length=20, choices=WarningKind.choices)
    level = models.CharField(_("预警级别"), max_length=10, choices=WarningLevel.choices)
    area = models.CharField(_("影响区域"), max_length=200)
    text = models.TextField(_("预警内容"), max_length=1000)
    valid_until = models.DateTimeField(_("有效期至"))
    published_at = models.DateTimeField(_("发布时间"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("解除人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PublicWarningQuerySet.as_manager()

    class Meta:
        verbose_name = _("预警信息")
        verbose_name_plural = _("预警信息")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return str(self.headline)

    @property
    def headline(self) -> str:
        return _("%(area)s%(kind)s%(level)s预警") % {
            "area": self.area,
            "kind": self.get_kind_display(),
            "level": self.get_level_display(),
        }

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.lifted_at is None and self.published_at <= now < self.valid_until


class WarningMessage(models.Model):
    """One recipient of a warning's text message; the delivery status is the message's own."""

    warning = models.ForeignKey(
        PublicWarning, verbose_name=_("预警信息"), on_delete=models.CASCADE, related_name="messages"
    )
    contact = models.ForeignKey(
        "EmergencyContact",
        verbose_name=_("接收人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("姓名"), max_length=50)
    unit_name = models.CharField(_("单位"), max_length=100)
    sms = models.ForeignKey(
        "services.OutboundSMS", verbose_name=_("短信"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("预警短信")
        verbose_name_plural = _("预警短信")
        ordering = ["unit_name", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.sms.status}"


class ContactGroup(models.TextChoices):
    LEADER = "leader", _("单位领导")
    DUTY = "duty", _("值班人员")
    LIAISON = "liaison", _("应急联络员")
    RESCUE = "rescue", _("救援队伍")


class EmergencyContact(models.Model):
    """A unit's emergency contact (应急通讯录): who to call and text in an emergency."""

    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("单位"),
        on_delete=models.CASCADE,
        related_name="emergency_contacts",
    )
    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(_("职务"), max_length=50, blank=True)
    group = models.CharField(_("分组"), max_length=10, choices=ContactGroup.choices)
    mobile = EncryptedTextField(_("手机号码"))
    office_phone = models.CharField(_("办公电话"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("应急联系人")
        verbose_name_plural = _("应急联系人")
        ordering = ["unit__kind", "unit__order", "unit__code", "group", "name"]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.name}"

    @property
    def masked_mobile(self) -> str:
        return mask_phone(self.mobile)


class DutyShift(models.Model):
    """A unit's duty on one day (值班表): the leader and the staff member on duty."""

    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="duty_shifts"
    )
    day = models.DateField(_("值班日期"), db_index=True)
    leader_name = models.CharField(_("带班领导"), max_length=50, blank=True)
    leader_phone = models.CharField(_("带班领导电话"), max_length=40, blank=True)
    staff_name = models.CharField(_("值班人员"), max_length=50, blank=True)
    staff_phone = models.CharField(_("值班电话"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("值班安排")
        verbose_name_plural = _("值班安排")
        ordering = ["day", "unit__kind", "unit__order", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="one_shift_per_day")]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.day:%Y-%m-%d}"

    @property
    def staffed(self) -> bool:
        return bool(self.staff_name.strip())


class HandoverNote(models.Model):
    """A shift handover note (交接班记录): what the next person on duty must know."""

    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("值班日期"))
    text = models.TextField(_("交接内容"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("交班人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("记录时间"))

    class Meta:
        verbose_name = _("交接班记录")
        verbose_name_plural = _("交接班记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day:%Y-%m-%d}"


class EmergencyPlan(models.Model):
    """An emergency plan (应急预案); its text is kept in versions."""

    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("编制单位"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("预案名称"), max_length=200)
    category = models.CharField(_("事件类型"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("应急预案")
        verbose_name_plural = _("应急预案")
        ordering = ["unit__kind", "unit__order", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def current(self):
        return self.versions.order_by("-number").first()


class PlanVersion(models.Model):
    plan = models.ForeignKey(
        EmergencyPlan, verbose_name=_("应急预案"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    file = models.FileField(_("文件"), upload_to="emergency/plans/%Y/", storage=PrivateStorage())
    file_name = models.CharField(_("文件名"), max_length=100)
    note = models.CharField(_("修订说明"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("上传时间"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("预案版本")
        verbose_name_plural = _("预案版本")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan.title} v{self.number}"


class IncidentType(models.TextChoices):
    NATURAL = "natural", _("自然灾害")
    ACCIDENT = "accident", _("事故灾难")
    HEALTH = "health", _("公共卫生事件")
    SECURITY = "security", _("社会安全事件")


class IncidentLevel(models.TextChoices):
    ORDINARY = "4", _("一般（Ⅳ级）")
    LARGER = "3", _("较大（Ⅲ级）")
    MAJOR = "2", _("重大（Ⅱ级）")
    GRAVE = "1", _("特别重大（Ⅰ级）")


LEVEL_CRITERIA = {
    IncidentLevel.ORDINARY: _("造成3人以下死亡，或10人以下重伤，或1000万元以下直接经济损失。"),
    IncidentLevel.LARGER: _(
        "造成3人以上10人以下死亡，或10人以上50人以下重伤，或1000万元以上5000万元以下直接经济损失。"
    ),
    IncidentLevel.MAJOR: _(
        "造成10人以上30人以下死亡，或50人以上100人以下重伤，或5000万元以上1亿元以下直接经济损失。"
    ),
    IncidentLevel.GRAVE: _("造成30人以上死亡，或100人以上重伤，或1亿元以上直接经济损失。"),
}


class Incident(models.Model):
    """An incident report (突发事件信息报送): the domain row of a case on the engine."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="incident"
    )
    incident_type = models.CharField(_("事件类型"), max_length=10, choices=IncidentType.choices)
    level = models.CharField(_("事件级别"), max_length=2, choices=IncidentLevel.choices)
    occurred_at = models.DateTimeField(_("发生时间"))
    place = models.CharField(_("发生地点"), max_length=200)
    deaths = models.PositiveIntegerField(_("死亡人数"), default=0)
    injured = models.PositiveIntegerField(_("受伤人数"), default=0)
    missing = models.PositiveIntegerField(_("失踪人数"), default=0)
    phoned_at = models.DateTimeField(_("电话报告时间"), null=True, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报告人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("突发事件")
        verbose_name_plural = _("突发事件")
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return self.case.title

    @property
    def criteria(self) -> str:
        return str(LEVEL_CRITERIA.get(self.level, ""))


class IncidentReport(models.Model):
    """One written report on an incident: the first (首报), a follow-up (续报) or the final (终报)."""

    class Stage(models.TextChoices):
        FIRST = "first", _("首报")
        FOLLOW_UP = "follow_up", _("续报")
        FINAL = "final", _("终报")

    incident = models.ForeignKey(
        Incident, verbose_name=_("突发事件"), on_delete=models.CASCADE, related_name="reports"
    )
    stage = models.CharField(_("报告类别"), max_length=10, choices=Stage.choices)
    text = models.TextField(_("事件情况"), max_length=5000)
    measures = models.TextField(_("已采取措施"), max_length=3000, blank=True)
    deaths = models.PositiveIntegerField(_("死亡人数"), default=0)
    injured = models.PositiveIntegerField(_("受伤人数"), default=0)
    missing = models.PositiveIntegerField(_("失踪人数"), default=0)
    reported_at = models.DateTimeField(_("报告时间"))
    # The moment this report was due (the clock's due_at when it was filed).
    due_at = models.DateTimeField(_("应报时间"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报告人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("事件报告")
        verbose_name_plural = _("事件报告")
        ordering = ["reported_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.reported_at:%Y-%m-%d %H:%M}"

    @property
    def late_minutes(self) -> int:
        """Whole minutes after the due moment (0 when on time)."""
        if self.due_at is None or self.reported_at <= self.due_at:
            return 0
        return int((self.reported_at - self.due_at).total_seconds() // 60) or 1


class IncidentPhoto(models.Model):
    report = models.ForeignKey(
        IncidentReport, verbose_name=_("事件报告"), on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(_("照片"), upload_to="emergency/photos/%Y/", storage=PrivateStorage())
    file_name = models.CharField(_("文件名"), max_length=100)

    class Meta:
        verbose_name = _("现场照片")
        verbose_name_plural = _("现场照片")

    def __str__(self) -> str:
        return self.file_name


class Instruction(models.Model):
    """A leader's instruction (领导批示) on an incident, sent back to the reporting unit."""

    incident = models.ForeignKey(
        Incident, verbose_name=_("突发事件"), on_delete=models.CASCADE, related_name="instructions"
    )
    leader = models.CharField(_("批示领导"), max_length=50)
    text = models.TextField(_("批示内容"), max_length=2000)
    given_at = models.DateTimeField(_("批示时间"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")
        ordering = ["given_at", "id"]

    def __str__(self) -> str:
        return f"{self.leader} {self.given_at:%Y-%m-%d %H:%M}"
