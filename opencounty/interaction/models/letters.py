"""Mailbox letters (领导信箱 / 咨询 / 投诉 / 建议 / 求助) on the case engine."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencounty.core.storage import PrivateStorage

__all__ = ["Letter", "LetterAttachment"]


class Letter(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("咨询")
        COMPLAINT = "complaint", _("投诉")
        SUGGESTION = "suggestion", _("建议")
        HELP = "help", _("求助")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASICALLY_SATISFIED = "basic", _("基本满意")
        DISSATISFIED = "dissatisfied", _("不满意")

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="letter"
    )
    letter_kind = models.CharField(_("来信类型"), max_length=20, choices=Kind.choices)
    addressed_to = models.ForeignKey(
        "core.Unit",
        verbose_name=_("写信对象"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空为县长信箱。"),
    )
    content = models.TextField(_("来信内容"))
    may_publish = models.BooleanField(_("同意公开"), default=False)
    phone_key = models.CharField(
        _("手机号索引"), max_length=64, db_index=True
    )  # blind index of the phone
    client_key = models.CharField(
        _("来源索引"), max_length=64, db_index=True
    )  # blind index of the IP address
    held = models.BooleanField(_("待甄别"), default=False, db_index=True)
    hold_reasons = models.JSONField(_("待甄别原因"), default=list, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("疑似重复"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    draft_reply = models.TextField(_("答复草稿"), blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("拟稿人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replying_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("答复单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What the public list and page show, each redacted when the reply was published (选登).
    public_title = models.CharField(_("公开的标题"), max_length=200, blank=True)
    public_content = models.TextField(_("公开的来信内容"), blank=True)
    public_reply = models.TextField(_("公开的答复内容"), blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("选登人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rating = models.CharField(_("评价"), max_length=20, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    reopened = models.BooleanField(_("已重新办理"), default=False)

    class Meta:
        verbose_name = _("信箱来信")
        verbose_name_plural = _("信箱来信")

    def __str__(self) -> str:
        return self.case.receipt_number

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class LetterAttachment(models.Model):
    """A file sent with a letter; kept private (it may carry personal data)."""

    letter = models.ForeignKey(
        Letter, verbose_name=_("来信"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("附件"), storage=PrivateStorage(), upload_to="letters/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)

    class Meta:
        verbose_name = _("来信附件")
        verbose_name_plural = _("来信附件")

    def __str__(self) -> str:
        return self.name
