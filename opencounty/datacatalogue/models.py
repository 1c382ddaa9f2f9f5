"""The government information-resource catalogue (政务信息资源目录): resources catalogued by each
unit, their data items (信息项), the validated files of open datasets, and sharing between units
(a sharing request is a case on the engine; a granted one may hold access tokens)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencounty.core.storage import PrivateStorage


class Resource(models.Model):
    """One information resource of a unit (信息资源), as the national catalogue guide lists it."""

    class Classification(models.TextChoices):
        # The guide's three kinds of resource; the digit leads the resource code.
        BASIC = "1", _("基础信息资源")
        THEME = "2", _("主题信息资源")
        DEPARTMENT = "3", _("部门信息资源")

    class Format(models.TextChoices):
        SPREADSHEET = "spreadsheet", _("电子表格")
        DATABASE = "database", _("数据库")
        DOCUMENT = "document", _("电子文件")
        INTERFACE = "interface", _("接口")
        OTHER = "other", _("其他")

    class Frequency(models.TextChoices):
        REALTIME = "realtime", _("实时")
        DAILY = "daily", _("每日")
        WEEKLY = "weekly", _("每周")
        MONTHLY = "monthly", _("每月")
        QUARTERLY = "quarterly", _("每季度")
        YEARLY = "yearly", _("每年")
        IRREGULAR = "irregular", _("不定期")

    class Sharing(models.TextChoices):
        UNCONDITIONAL = "unconditional", _("无条件共享")
        CONDITIONAL = "conditional", _("有条件共享")
        NONE = "none", _("不予共享")

    class Opening(models.TextChoices):
        UNCONDITIONAL = "unconditional", _("无条件开放")
        CONDITIONAL = "conditional", _("有条件开放")
        NONE = "none", _("不予开放")

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        AWAITING_REVIEW = "awaiting_review", _("待审核")
        RETURNED = "returned", _("已退回")
        PUBLISHED = "published", _("已发布")

    uuid = models.UUIDField(_("标识"), default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("资源代码"), max_length=40, unique=True)
    name = models.CharField(_("资源名称"), max_length=100)
    summary = models.TextField(_("资源摘要"), max_length=2000)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("提供单位"),
        on_delete=models.PROTECT,
        related_name="data_resources",
    )
    classification = models.CharField(_("资源分类"), max_length=1, choices=Classification.choices)
    format = models.CharField(_("资源格式"), max_length=20, choices=Format.choices)
    update_frequency = models.CharField(_("更新周期"), max_length=20, choices=Frequency.choices)
    sharing = models.CharField(_("共享类型"), max_length=20, choices=Sharing.choices)
    sharing_condition = models.CharField(_("共享条件或不予共享理由"), max_length=500, blank=True)
    sharing_basis = models.CharField(_("共享依据"), max_length=500, blank=True)
    opening = models.CharField(_("开放类型"), max_length=20, choices=Opening.choices)
    keywords = models.CharField(_("关键字"), max_length=200, blank=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    return_reason = models.CharField(_("退回理由"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("编目人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("编目时间"))
    modified_at = models.DateTimeField(_("更新时间"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("信息资源")
        verbose_name_plural = _("信息资源")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def slug(self) -> str:
        """The dataset's name in the CKAN API: the code in CKAN's alphabet (a-z, 0-9, - and _)."""
        return self.code.lower().replace("/", "-")

    @property
    def tags(self) -> list[str]:
        words = self.keywords.replace("，", ",").replace("、", ",").split(",")
        return [word.strip() for word in words if word.strip()]

    @property
    def is_open(self) -> bool:
        """Openly published: the public catalogue, the downloads and the CKAN API show it."""
        return self.state == self.State.PUBLISHED and self.opening == self.Opening.UNCONDITIONAL


class DataItem(models.Model):
    """One data item (信息项) of a resource: its name, type and length."""

    class Type(models.TextChoices):
        STRING = "string", _("字符型")
        NUMBER = "number", _("数值型")
        INTEGER = "integer", _("整数型")
        DATE = "date", _("日期型")
        DATETIME = "datetime", _("日期时间型")
        BOOLEAN = "boolean", _("布尔型")

    resource = models.ForeignKey(
        Resource, verbose_name=_("信息资源"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveIntegerField(_("序号"))
    name = models.CharField(_("信息项名称"), max_length=60)
    data_type = models.CharField(_("数据类型"), max_length=20, choices=Type.choices)
    length = models.PositiveIntegerField(_("数据长度"), null=True, blank=True)

    class Meta:
        verbose_name = _("信息项")
        verbose_name_plural = _("信息项")
        ordering = ["resource", "order"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "name"], name="datacatalogue_item_name")
        ]

    def __str__(self) -> str:
        return self.name


def _file_path(instance: DataFile, filename: str) -> str:
    return f"datacatalogue/{instance.resource.uuid}/{filename}"


class DataFile(models.Model):
    """A downloadable file of a resource, kept only after `frictionless` found it valid."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    resource = models.ForeignKey(
        Resource, verbose_name=_("信息资源"), on_delete=models.CASCADE, related_name="files"
    )
    uuid = models.UUIDField(_("标识"), default=uuid.uuid4, unique=True, editable=False)
    format = models.CharField(_("文件格式"), max_length=8, choices=Format.choices)
    file = models.FileField(_("文件"), upload_to=_file_path, storage=PrivateStorage())
    size = models.PositiveIntegerField(_("大小（字节）"))
    rows = models.PositiveIntegerField(_("数据行数"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("数据文件")
        verbose_name_plural = _("数据文件")
        ordering = ["resource", "format"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "format"], name="datacatalogue_one_format")
        ]

    def __str__(self) -> str:
        return f"{self.resource.name}.{self.format}"

    @property
    def download_name(self) -> str:
        return f"{self.resource.name}.{self.format}"


class SharingRequest(models.Model):
    """A unit asks another unit for a 有条件共享 resource (the case engine keeps state and clock)."""

    class Delivery(models.TextChoices):
        DOWNLOAD = "download", _("下载数据文件")
        API = "api", _("接口访问令牌")

    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("办件"),
        on_delete=models.CASCADE,
        related_name="sharing_request",
    )
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("信息资源"),
        on_delete=models.PROTECT,
        related_name="sharing_requests",
    )
    requesting_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("申请单位"),
        on_delete=models.PROTECT,
        related_name="data_sharing_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purpose = models.TextField(_("用途"), max_length=1000)
    delivery = models.CharField(_("共享方式"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("共享申请")
        verbose_name_plural = _("共享申请")

    def __str__(self) -> str:
        return f"{self.requesting_unit.short_name}：{self.resource.name}"


class AccessToken(models.Model):
    """A token for one granted request: it opens that resource to that unit and nothing else.
    Only its SHA-256 is kept; the requesting unit sees the token once."""

    request = models.ForeignKey(
        SharingRequest,
        verbose_name=_("共享申请"),
        on_delete=models.CASCADE,
        related_name="tokens",
    )
    token_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True)
    hint = models.CharField(_("令牌末四位"), max_length=4)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("签发时间"))
    revoked_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("访问令牌")
        verbose_name_plural = _("访问令牌")

    def __str__(self) -> str:
        return f"…{self.hint}"
