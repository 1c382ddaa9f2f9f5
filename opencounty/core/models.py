"""Units (the organisation tree), staff roles, the audit log and the word list."""

import hashlib
import hmac
import json

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.Model):
    """A body of the county: the government, the e-government office, a department or a township."""

    class Kind(models.TextChoices):
        COUNTY_GOVERNMENT = "county_government", _("县人民政府")
        COUNTY_OFFICE = "county_office", _("县电子政务办")
        DEPARTMENT = "department", _("县直部门")
        TOWNSHIP = "township", _("乡镇（街道）")

    code = models.CharField(_("单位代码"), max_length=32, unique=True)
    name = models.CharField(_("单位全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40)
    kind = models.CharField(_("类别"), max_length=32, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("排序"), default=0)
    root_page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("子站首页"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owning_unit",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("文档与图片集"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owning_unit",
    )
    disclosure_office = models.CharField(_("信息公开工作机构"), max_length=100, blank=True)
    disclosure_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    disclosure_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    disclosure_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    disclosure_fax = models.CharField(_("传真"), max_length=40, blank=True)
    disclosure_email = models.EmailField(_("电子邮箱"), blank=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["kind", "order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_county_office(self) -> bool:
        return self.kind == self.Kind.COUNTY_OFFICE


class Role(models.TextChoices):
    """Staff roles. Unit roles exist once per unit; county roles once for the county office."""

    INFORMATION_OFFICER = "officer", _("信息员")
    REVIEWER = "reviewer", _("审核人")
    UNIT_ADMINISTRATOR = "unit_admin", _("单位管理员")
    HEADLINE_REVIEWER = "headline_reviewer", _("电子政务办审核人")
    SYSTEM_ADMINISTRATOR = "system_admin", _("系统管理员")
    SECURITY_ADMINISTRATOR = "security_admin", _("安全管理员")
    AUDIT_ADMINISTRATOR = "audit_admin", _("审计管理员")


UNIT_ROLES = (Role.INFORMATION_OFFICER, Role.REVIEWER, Role.UNIT_ADMINISTRATOR)
COUNTY_OFFICE_ROLES = (
    Role.HEADLINE_REVIEWER,
    Role.SYSTEM_ADMINISTRATOR,
    Role.SECURITY_ADMINISTRATOR,
    Role.AUDIT_ADMINISTRATOR,
)


class UnitGroup(models.Model):
    """The Django group that carries one role of one unit (generated, never edited by hand)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    group = models.OneToOneField(
        Group, verbose_name=_("用户组"), on_delete=models.CASCADE, related_name="unit_role"
    )

    class Meta:
        verbose_name = _("单位角色组")
        verbose_name_plural = _("单位角色组")
        constraints = [
            models.UniqueConstraint(fields=["unit", "role"], name="one_group_per_unit_role")
        ]

    def __str__(self) -> str:
        return self.group.name


class AuditChainHead(models.Model):
    """One row: the newest entry of the audit chain, locked while appending."""

    last_hash = models.CharField(_("最新摘要"), max_length=64, default="")
    count = models.PositiveBigIntegerField(_("条数"), default=0)
    # Entries moved out to a signed archive file by `audit_archive` (core/audit_archive.py):
    # how many, and the HMAC of the last of them (the first entry still here links to it).
    archived_count = models.PositiveBigIntegerField(_("已归档条数"), default=0)
    archived_last_hash = models.CharField(_("已归档末条摘要"), max_length=64, default="")

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"{self.count}: {self.last_hash}"


class AuditEntry(models.Model):
    """An append-only, hash-chained record of one important event (等保 audit)."""

    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_name = models.CharField(_("操作人账号"), max_length=150, blank=True)
    action = models.CharField(_("事件"), max_length=64, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    outcome = models.CharField(_("结果"), max_length=16, default="success")
    details = models.JSONField(_("详情"), default=dict, blank=True)
    source_ip = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    prev_hash = models.CharField(_("前一条摘要"), max_length=64)
    hash = models.CharField(_("摘要"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit entries are append-only")

    def chain_payload(self) -> bytes:
        """The entry's content and its link to the previous entry, as the chain signs them."""
        return json.dumps(
            {
                "at": self.at.isoformat(),
                "actor_id": self.actor_id,
                "actor_name": self.actor_name,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "object_repr": self.object_repr,
                "outcome": self.outcome,
                "details": self.details,
                "source_ip": self.source_ip,
                "prev_hash": self.prev_hash,
            },
            ensure_ascii=False,
            sort_keys=True,
            default=str,
        ).encode("utf-8")

    def compute_hash(self, key: bytes | None = None) -> str:
        """HMAC-SHA256 of the entry with the audit key, which is never in the database."""
        if key is None:
            key = settings.AUDIT_HMAC_KEY.encode("utf-8")
        return hmac.new(key, self.chain_payload(), hashlib.sha256).hexdigest()

    def legacy_hash(self) -> str:
        """The unkeyed SHA-256 of the chain before the key (read only by audit_rekey)."""
        return hashlib.sha256(self.chain_payload()).hexdigest()


class WordRule(models.Model):
    """An entry of the managed word list the text check runs against."""

    class Kind(models.TextChoices):
        SENSITIVE = "sensitive", _("敏感词")
        WRONG_EXPRESSION = "wrong", _("错误表述")
        TYPO = "typo", _("易错字词")

    phrase = models.CharField(_("词语"), max_length=100, unique=True)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    suggestion = models.CharField(_("建议改为"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("词表条目")
        verbose_name_plural = _("词表")
        ordering = ["kind", "phrase"]

    def __str__(self) -> str:
        return self.phrase


class CalendarYear(models.Model):
    """A year whose official holiday schedule has been entered; only covered years are counted."""

    year = models.PositiveIntegerField(_("年份"), unique=True)
    source = models.CharField(
        _("来源"),
        max_length=200,
        blank=True,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知"),
    )

    class Meta:
        verbose_name = _("已录入年度")
        verbose_name_plural = _("已录入年度")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """An exception to the weekend rule: an official holiday on a weekday, or a make-up working day (调休)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日")
        MAKEUP_WORKDAY = "makeup", _("调休上班日")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}"


class NumberSequence(models.Model):
    """A counter per scope and year for receipt numbers and index numbers; numbers are never reused."""

    scope = models.CharField(_("范围"), max_length=64)
    year = models.PositiveIntegerField(_("年份"))
    last = models.PositiveBigIntegerField(_("已用到"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")
        constraints = [
            models.UniqueConstraint(fields=["scope", "year"], name="one_sequence_per_scope_year")
        ]

    def __str__(self) -> str:
        return f"{self.scope}/{self.year}: {self.last}"


class BreakGlassGrant(models.Model):
    """A time-limited superuser grant in production, made only from the server's command line
    (`manage.py breakglass`); every use of a superuser account in production needs one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        on_delete=models.CASCADE,
        related_name="break_glass_grants",
    )
    granted_at = models.DateTimeField(_("授予时间"))
    until = models.DateTimeField(_("有效至"))
    reason = models.CharField(_("事由"), max_length=200)

    class Meta:
        verbose_name = _("应急超级管理员授权")
        verbose_name_plural = _("应急超级管理员授权")
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.granted_at:%Y-%m-%d %H:%M}–{self.until:%H:%M}"
