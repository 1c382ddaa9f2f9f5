"""Official documents (公文) a unit drafts and sends, their attachments, and one delivery (分发)
per recipient unit with its sign-for state (未签收/已签收/已退回/已办结).

Rows change only through `officedocs.actions`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit
from opencounty.core.storage import PrivateStorage


class OfficialDocument(models.Model):
    """A document in the national format (GB/T 9704-2012), drafted and sent by one unit."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        CHECKING = "checking", _("待核稿")
        SIGNING = "signing", _("待签发")
        SENT = "sent", _("已发出")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("平件")
        URGENT = "urgent", _("加急")
        EXTRA_URGENT = "extra_urgent", _("特急")

    class Secrecy(models.TextChoices):
        # Only 无 is accepted: classified documents never go on this system. The others exist
        # so that the refusal can name what was chosen.
        NONE = "none", _("无")
        SECRET = "secret", _("秘密")
        CONFIDENTIAL = "confidential", _("机密")
        TOP_SECRET = "top_secret", _("绝密")

    sender = models.ForeignKey(
        Unit, verbose_name=_("发文单位"), on_delete=models.PROTECT, related_name="sent_documents"
    )
    state = models.CharField(
        _("状态"), max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    prefix = models.CharField(
        _("发文机关代字"), max_length=12, help_text=_("例如：示政办发（文号由系统在发出时编排）")
    )
    year = models.PositiveIntegerField(_("年份"), null=True, blank=True)
    serial = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    number = models.CharField(_("发文字号"), max_length=40, blank=True, db_index=True)
    title = models.CharField(_("标题"), max_length=120)
    urgency = models.CharField(
        _("紧急程度"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL
    )
    secrecy = models.CharField(
        _("密级"), max_length=16, choices=Secrecy.choices, default=Secrecy.NONE
    )
    main_recipients = models.CharField(_("主送机关"), max_length=300, blank=True)
    body = models.TextField(_("正文"))
    signer = models.CharField(_("签发人"), max_length=40, blank=True)
    copied_to = models.CharField(_("抄送机关"), max_length=300, blank=True)
    handle_days = models.PositiveSmallIntegerField(
        _("办理时限（工作日）"),
        null=True,
        blank=True,
        help_text=_("公文要求收文单位办结的期限；不填则不设期限"),
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("拟稿人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    drafted_at = models.DateTimeField(_("拟稿时间"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核稿人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("核稿时间"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("发出时间"), null=True, blank=True)
    sign_for_due_on = models.DateField(_("签收期限"), null=True, blank=True)
    handle_due_on = models.DateField(_("办结期限"), null=True, blank=True)
    due_provisional = models.BooleanField(_("期限暂定"), default=False)

    class Meta:
        verbose_name = _("公文")
        verbose_name_plural = _("公文")
        ordering = ["-sent_at", "-drafted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "prefix", "year", "serial"],
                condition=models.Q(serial__isnull=False),
                name="one_document_per_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


class DocumentAttachment(models.Model):
    """An attachment of a document: a private file, served only to the sender and recipients."""

    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("公文"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("文件"), storage=PrivateStorage(), upload_to="officedocs/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("公文附件")
        verbose_name_plural = _("公文附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    """The document as one recipient unit has it: sent, read, signed for (with the unit's own
    收文登记号), returned with a reason, or finished."""

    class State(models.TextChoices):
        PENDING = "pending", _("未签收")
        SIGNED = "signed", _("已签收")
        PROPOSED = "proposed", _("已拟办")
        INSTRUCTED = "instructed", _("承办中")
        RETURNED = "returned", _("已退回")
        DONE = "done", _("已办结")

    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("公文"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("收文单位"), on_delete=models.PROTECT, related_name="deliveries"
    )
    state = models.CharField(
        _("状态"), max_length=16, choices=State.choices, default=State.PENDING, db_index=True
    )
    first_read_at = models.DateTimeField(_("首次阅读时间"), null=True, blank=True)
    first_read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("首次阅读人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签收人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    register_number = models.CharField(_("收文登记号"), max_length=40, blank=True)
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("退回人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_reason = models.TextField(_("退回理由"), blank=True)
    proposal = models.TextField(_("拟办意见"), blank=True)
    proposed_at = models.DateTimeField(_("拟办时间"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("拟办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    instruction = models.TextField(_("批办意见"), blank=True)
    instructed_at = models.DateTimeField(_("批办时间"), null=True, blank=True)
    instructed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批办领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办结人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply = models.TextField(_("办理情况"), blank=True)
    reminders = models.PositiveSmallIntegerField(_("催办次数"), default=0)
    last_reminded_at = models.DateTimeField(_("最近催办时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公文分发")
        verbose_name_plural = _("公文分发")
        ordering = ["unit__kind", "unit__order", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["document", "unit"], name="one_delivery_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.document} → {self.unit}"


class DocumentStep(models.Model):
    """One step in a document's life, for its timeline: inside the sending unit (拟稿, 送核稿,
    核稿退回, 核稿通过, 签发) and inside each receiving unit (签收, 拟办, 批办, 办结, 退文, 催办).
    The audit log records the same acts; this is what the people concerned read."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("拟稿")
        REVISE = "revise", _("修改草稿")
        SUBMIT = "submit", _("送核稿")
        CHECK_RETURN = "check_return", _("核稿退回")
        CHECK_PASS = "check_pass", _("核稿通过，送签发")
        SIGN_RETURN = "sign_return", _("签发退回")
        SIGN_OFF = "sign_off", _("签发并分发")
        SIGN_FOR = "sign_for", _("签收")
        RETURN = "return", _("退文")
        PROPOSE = "propose", _("拟办")
        INSTRUCT = "instruct", _("批办")
        FINISH = "finish", _("办结")
        REMIND = "remind", _("催办")

    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("公文"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    delivery = models.ForeignKey(
        Delivery,
        verbose_name=_("公文分发"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="steps",
    )
    kind = models.CharField(_("环节"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("意见"), blank=True)

    class Meta:
        verbose_name = _("公文办理环节")
        verbose_name_plural = _("公文办理环节")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.kind}"


# Staff notices and the staff directory live in their own module (issue 14).
from opencounty.officedocs.staff_models import (  # noqa: E402, F401
    DirectoryContact,
    DirectoryOffice,
    DirectoryUnit,
    NoticeAttachment,
    NoticeReceipt,
    NoticeRecipient,
    StaffNotice,
)
