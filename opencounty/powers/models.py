"""The list of administrative powers (权力清单), penalty cases and 双公示.

A `Power` is the unit's working copy; nothing of it is public until a reviewer approves a change,
which freezes the whole power into a `PowerVersion` (the public reads only the current version;
every version is the power's public history, with its date and reason).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COMPULSION = "compulsion", _("行政强制")
    LEVY = "levy", _("行政征收")
    PAYMENT = "payment", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    RULING = "ruling", _("行政裁决")
    OTHER = "other", _("其他行政权力")


# Powers whose legal bases are law-enforcement bases (执法依据).
ENFORCEMENT_CATEGORIES = (Category.PENALTY, Category.COMPULSION, Category.INSPECTION)


class Power(models.Model):
    """One administrative power of a unit: the working copy its staff edit."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PENDING = "pending", _("待审核")
        RETURNED = "returned", _("已退回")
        APPROVED = "approved", _("已发布")

    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="powers"
    )
    code = models.CharField(_("权力编码"), max_length=40, unique=True)
    name = models.CharField(_("权力名称"), max_length=200)
    category = models.CharField(_("权力类别"), max_length=20, choices=Category.choices)
    section = models.CharField(_("承办机构（科室）"), max_length=100, blank=True)
    responsibilities = models.TextField(_("责任事项"), blank=True)
    accountability = models.TextField(_("追责情形"), blank=True)
    time_limit = models.CharField(_("办理时限"), max_length=100, blank=True)
    fees = models.CharField(_("收费标准"), max_length=300, blank=True)
    fee_basis = models.CharField(_("收费依据"), max_length=300, blank=True)
    service_item = models.ForeignKey(
        "services.ServiceItemPage",
        verbose_name=_("对应政务服务事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="powers",
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    change_reason = models.CharField(_("调整理由"), max_length=300, blank=True)
    review_note = models.CharField(_("审核意见"), max_length=300, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("送审人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("行政权力")
        verbose_name_plural = _("行政权力")
        ordering = ["unit__order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def current_version(self) -> PowerVersion | None:
        return self.versions.filter(is_current=True).first()


class LegalBasis(models.Model):
    """A legal basis of a power (working copy): the law, the article and its text."""

    power = models.ForeignKey(
        Power, verbose_name=_("行政权力"), on_delete=models.CASCADE, related_name="bases"
    )
    law = models.CharField(_("法律法规名称"), max_length=200)
    article = models.CharField(_("条款"), max_length=100, blank=True)
    text = models.TextField(_("条款内容"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("设定依据")
        verbose_name_plural = _("设定依据")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.law}{self.article}"


class FlowStep(models.Model):
    """A step of a power's flow chart (working copy), drawn like a service item's."""

    power = models.ForeignKey(
        Power, verbose_name=_("行政权力"), on_delete=models.CASCADE, related_name="steps"
    )
    name = models.CharField(_("环节名称"), max_length=100)
    description = models.CharField(_("环节说明"), max_length=300, blank=True)
    days = models.PositiveSmallIntegerField(_("环节时限（工作日）"), default=0)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("流程环节")
        verbose_name_plural = _("流程环节")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class PowerVersion(models.Model):
    """An approved state of a power: what the public reads (the current one) and its history."""

    power = models.ForeignKey(
        Power, verbose_name=_("行政权力"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    is_current = models.BooleanField(_("现行版本"), default=True, db_index=True)
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("权力编码"), max_length=40, db_index=True)
    name = models.CharField(_("权力名称"), max_length=200)
    category = models.CharField(_("权力类别"), max_length=20, choices=Category.choices)
    section = models.CharField(_("承办机构（科室）"), max_length=100, blank=True)
    responsibilities = models.TextField(_("责任事项"), blank=True)
    accountability = models.TextField(_("追责情形"), blank=True)
    time_limit = models.CharField(_("办理时限"), max_length=100, blank=True)
    fees = models.CharField(_("收费标准"), max_length=300, blank=True)
    fee_basis = models.CharField(_("收费依据"), max_length=300, blank=True)
    service_item = models.ForeignKey(
        "services.ServiceItemPage",
        verbose_name=_("对应政务服务事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="power_versions",
    )
    bases = models.JSONField(_("设定依据"), default=list)
    steps = models.JSONField(_("流程环节"), default=list)
    adjusted_on = models.DateField(_("调整日期"))
    reason = models.CharField(_("调整理由"), max_length=300)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("审核时间"))

    class Meta:
        verbose_name = _("权力版本")
        verbose_name_plural = _("权力版本")
        ordering = ["power", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["power", "number"], name="one_power_version_number"),
            models.UniqueConstraint(
                fields=["power"],
                condition=models.Q(is_current=True),
                name="one_current_power_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}（第{self.number}版）"

    @property
    def is_enforcement(self) -> bool:
        return self.category in ENFORCEMENT_CATEGORIES


class PenaltyCase(models.Model):
    """The domain's own row of an administrative penalty case (行政处罚案件), one-to-one with
    the engine's case (kind ``penalty``): the party is the case's submitter."""

    class PartyKind(models.TextChoices):
        PERSON = "person", _("自然人")
        ORGANISATION = "organisation", _("法人或其他组织")

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="penalty"
    )
    power = models.ForeignKey(
        Power,
        verbose_name=_("处罚事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="penalty_cases",
    )
    party_kind = models.CharField(_("当事人类型"), max_length=20, choices=PartyKind.choices)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    facts = models.TextField(_("违法事实"))
    registered_on = models.DateField(_("立案日期"))
    evidence = models.TextField(_("调查取证情况"), blank=True)
    notice = models.TextField(_("告知内容"), blank=True)
    hearing_requested = models.BooleanField(_("当事人要求听证"), default=False)
    defence = models.TextField(_("陈述申辩或听证情况"), blank=True)
    decision_number = models.CharField(_("处罚决定书文号"), max_length=60, blank=True)
    decision = models.TextField(_("处罚内容"), blank=True)
    basis = models.CharField(_("处罚依据"), max_length=300, blank=True)
    fine = models.DecimalField(_("罚没金额（元）"), max_digits=12, decimal_places=2, null=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    executed_on = models.DateField(_("执行完毕日期"), null=True, blank=True)
    execution = models.TextField(_("执行情况"), blank=True)

    class Meta:
        verbose_name = _("行政处罚案件")
        verbose_name_plural = _("行政处罚案件")

    def __str__(self) -> str:
        return self.case.receipt_number


class Publication(models.Model):
    """A 双公示 entry: a decided licence or penalty published with personal data masked.

    Shown from `published_on` until `expires_on` (the publicity period of its type); the text
    is masked when it is written, so the public list never holds a full name or number.
    """

    class Type(models.TextChoices):
        LICENSING = "licensing", _("行政许可")
        PENALTY = "penalty", _("行政处罚")

    type = models.CharField(_("公示类型"), max_length=20, choices=Type.choices)
    case = models.OneToOneField(
        "cases.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="publication"
    )
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("决定机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("事项名称"), max_length=200)
    party = models.CharField(_("行政相对人"), max_length=100)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    decision_number = models.CharField(_("决定文书号"), max_length=60, blank=True)
    content = models.TextField(_("决定内容"))
    basis = models.CharField(_("依据"), max_length=300, blank=True)
    decided_on = models.DateField(_("决定日期"))
    published_on = models.DateField(_("公示日期"))
    expires_on = models.DateField(_("公示截止日期"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("双公示信息")
        verbose_name_plural = _("双公示信息")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title}（{self.party}）"

    def is_shown_on(self, day: date) -> bool:
        return self.published_on <= day < self.expires_on


def publicity_days(kind: str) -> int:
    """The publicity period of a type, in calendar days (POWERS_PUBLICITY_DAYS)."""
    return int(settings.POWERS_PUBLICITY_DAYS[kind])


def expiry(kind: str, published_on: date) -> date:
    return published_on + timedelta(days=publicity_days(kind))
