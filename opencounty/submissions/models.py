"""Information items (信息) sent by units, the county office's bulletins (简报) and the scoring
rule table. What is scored is derived from these rows (`scoring.py`), never stored."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencounty.core.storage import PrivateStorage


class Category(models.TextChoices):
    KEY = "key", _("要情")
    NEWS = "news", _("动态")
    BRIEF = "brief", _("简讯")
    RESEARCH = "research", _("调研")
    SPECIAL = "special", _("专报")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("平件")
    URGENT = "urgent", _("急件")
    VERY_URGENT = "very_urgent", _("特急")


class Bulletin(models.TextChoices):
    """The county office's four bulletins (seed plan)."""

    POLITICS = "politics", _("政情")
    AFFAIRS = "affairs", _("政务信息")
    RESEARCH = "research", _("调研参考")
    SPECIAL = "special", _("信息专报")


class Level(models.TextChoices):
    """Adoption above the county (上级采用) and leaders' instructions (批示)."""

    CITY = "city", _("市级采用")
    PROVINCE = "province", _("省级采用")
    NATIONAL = "national", _("国家级采用")
    INSTRUCTION = "instruction", _("领导批示")


class Submission(models.Model):
    """One item of information a unit sends to the county office."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        AWAITING_APPROVAL = "awaiting_approval", _("待本单位审签")
        SUBMITTED = "submitted", _("已报送")
        RETURNED = "returned", _("已退回")
        ADOPTED = "adopted", _("已采用")
        MERGED = "merged", _("已合并")

    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("报送单位"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("信息员"),
        on_delete=models.PROTECT,
        related_name="information_submissions",
    )
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    urgency = models.CharField(
        _("紧急程度"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL
    )
    hot = models.BooleanField(_("热点难点"), default=False)
    keywords = models.CharField(_("关键词"), max_length=100, blank=True)
    source_note = models.TextField(_("原始痕迹资料说明"), blank=True)
    attachment = models.FileField(
        _("原始痕迹资料附件"),
        storage=PrivateStorage(),
        upload_to="submissions/%Y/%m/",
        blank=True,
    )
    event_at = models.DateTimeField(_("事件发生时间"), null=True, blank=True)
    # A 专报's reporting clock on the case engine (submissions/special_reports.py).
    clock = models.OneToOneField(
        "cases.Case",
        verbose_name=_("专报时限"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="special_report",
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    year = models.PositiveIntegerField(_("编号年度"), null=True, blank=True)
    number = models.PositiveIntegerField(_("全县编号"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审签人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    adopted_title = models.CharField(_("采用标题"), max_length=100, blank=True)
    adopted_body = models.TextField(_("采用正文"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("合并到"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_items",
    )
    issue = models.ForeignKey(
        "BulletinIssue",
        verbose_name=_("采用期次"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
    )
    adopted_on = models.DateField(_("采用日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政务信息")
        verbose_name_plural = _("政务信息")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"], name="submissions_unique_county_number"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        """The county-wide number, e.g. 信〔2026〕12号 (none before the unit has sent it)."""
        return f"信〔{self.year}〕{self.number}号" if self.number else ""

    @property
    def shown_title(self) -> str:
        return self.adopted_title or self.title

    @property
    def shown_body(self) -> str:
        return self.adopted_body or self.body

    @property
    def special_deadline(self):
        """When a 专报 is due: the configured hours after the event."""
        if self.category != Category.SPECIAL or self.event_at is None:
            return None
        return self.event_at + timedelta(hours=settings.SUBMISSIONS_SPECIAL_REPORT_HOURS)

    @property
    def is_late(self) -> bool:
        deadline = self.special_deadline
        return bool(deadline and self.submitted_at and self.submitted_at > deadline)


VERB_LABELS = {
    "create": _("编写"),
    "edit": _("修改"),
    "request_approval": _("送审签"),
    "approve": _("审签报送"),
    "send_back": _("退回修改"),
    "return": _("退回"),
    "edit_text": _("编辑采用稿"),
    "merge": _("合并"),
    "merged": _("被合并"),
    "adopt": _("采用"),
    "record_upward": _("登记上级采用"),
}


class SubmissionEvent(models.Model):
    """The timeline of an item: who did what, when, and why."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("政务信息"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    verb = models.CharField(_("操作"), max_length=40)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("处理记录")
        verbose_name_plural = _("处理记录")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.label} {self.at:%Y-%m-%d %H:%M}"

    @property
    def label(self) -> str:
        return str(VERB_LABELS.get(self.verb, self.verb))


class BulletinIssue(models.Model):
    """One numbered issue (第N期) of one bulletin in one year."""

    class State(models.TextChoices):
        DRAFT = "draft", _("编辑中")
        SIGNED = "signed", _("已签发")

    bulletin = models.CharField(_("刊物"), max_length=20, choices=Bulletin.choices)
    year = models.PositiveIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("期号"))
    issued_on = models.DateField(_("编发日期"))
    distribution = models.TextField(_("报送范围"), blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("编辑"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("签发时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("简报期次")
        verbose_name_plural = _("简报期次")
        ordering = ["-year", "bulletin", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "year", "number"], name="submissions_unique_issue_number"
            )
        ]

    def __str__(self) -> str:
        return f"《{self.get_bulletin_display()}》{self.year}年第{self.number}期"


class UpwardAdoption(models.Model):
    """An adopted item taken up above the county, or a leader's instruction on it."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("政务信息"),
        on_delete=models.PROTECT,
        related_name="upward_adoptions",
    )
    level = models.CharField(_("采用级别"), max_length=20, choices=Level.choices)
    adopted_on = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("上级采用")
        verbose_name_plural = _("上级采用")
        ordering = ["adopted_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "level"], name="submissions_unique_upward_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission} {self.get_level_display()}"


class ScoringRule(models.Model):
    """Points per adoption, the 批示 bonus, the late 专报 deduction and the yearly target: the
    table the office edits (rows made by a migration)."""

    class Key(models.TextChoices):
        POLITICS = "bulletin_politics", _("《政情》采用")
        AFFAIRS = "bulletin_affairs", _("《政务信息》采用")
        RESEARCH = "bulletin_research", _("《调研参考》采用")
        SPECIAL = "bulletin_special", _("《信息专报》采用")
        CITY = "city", _("市级采用")
        PROVINCE = "province", _("省级采用")
        NATIONAL = "national", _("国家级采用")
        INSTRUCTION = "instruction", _("领导批示加分")
        LATE_SPECIAL = "late_special", _("专报迟报扣分")
        YEARLY_TARGET = "yearly_target", _("单位年度目标分")

    key = models.CharField(_("项目"), max_length=30, choices=Key.choices, unique=True)
    points = models.DecimalField(_("分值"), max_digits=6, decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = _("计分规则")
        verbose_name_plural = _("计分规则")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_key_display()}：{self.points}"
