"""Consultations on draft policies (意见征集): the draft as a page, public comments, the feedback."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from opencounty.core.crypto import EncryptedTextField
from opencounty.portal.pages.base import PortalPage
from opencounty.portal.panels import TextCheckPanel

__all__ = [
    "ConsultationAttachment",
    "ConsultationComment",
    "ConsultationFeedback",
    "ConsultationPage",
    "ConsultationSection",
]


class ConsultationPage(PortalPage):
    """A draft published for public comment over a period (征求意见稿)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("未开始")
        OPEN = "open", _("征集中")
        CLOSED = "closed", _("已结束")
        ANSWERED = "answered", _("已反馈")

    intro = models.TextField(_("征集说明"), help_text=_("征集的目的、背景和参与方式。"))
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    is_normative_document = models.BooleanField(
        _("行政规范性文件"),
        default=False,
        help_text=_("行政规范性文件征求意见的期限一般不少于30日。"),
    )
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
                FieldPanel("is_normative_document"),
                FieldPanel("contact"),
            ],
            heading=_("征集期限"),
        ),
        InlinePanel("sections", label=_("草案章节"), min_num=1),
        InlinePanel("attachments", label=_("附件")),
        TextCheckPanel(heading=_("文字检查")),
    ]
    parent_page_types = ["portal.ColumnPage", "portal.UnitSitePage"]
    subpage_types: list[str] = []
    template = "interaction/consultation_page.html"

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.closes_on:
            check_period(self.opens_on, self.closes_on, self.is_normative_document)

    def status(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if today < self.opens_on:
            return self.Status.NOT_STARTED
        if today <= self.closes_on:
            return self.Status.OPEN
        feedback = ConsultationFeedback.objects.filter(page=self).first()
        if feedback is not None and feedback.is_published:
            return self.Status.ANSWERED
        return self.Status.CLOSED

    def status_label(self) -> str:
        return str(self.Status(self.status()).label)

    def is_open(self, today: date | None = None) -> bool:
        return self.status(today) == self.Status.OPEN

    def has_closed(self, today: date | None = None) -> bool:
        return (today or timezone.localdate()) > self.closes_on

    def listing_meta(self) -> str:
        """The line a column shows next to the title: status and period."""
        return _("%(status)s　%(start)s 至 %(end)s") % {
            "status": self.status_label(),
            "start": self.opens_on.isoformat(),
            "end": self.closes_on.isoformat(),
        }

    def text_for_check(self) -> str:
        parts = [self.title, self.intro]
        for section in self.sections.all():
            parts += [section.heading, section.text]
        return "\n".join(parts)

    def serve(self, request, *args, **kwargs):
        from opencounty.interaction.consultations.views import serve_consultation

        return serve_consultation(self, request, super().serve, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from opencounty.interaction.consultations.views import consultation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_context(self, request, kwargs.get("form")))
        return context


def check_period(opens_on: date, closes_on: date, is_normative_document: bool) -> None:
    """The period rule: closing after opening, and the minimum for normative documents."""
    if closes_on <= opens_on:
        raise ValidationError({"closes_on": _("截止日期应晚于开始日期。")})
    minimum = settings.CONSULTATION_MIN_DAYS
    if is_normative_document and (closes_on - opens_on).days < minimum:
        raise ValidationError(
            {
                "closes_on": _(
                    "行政规范性文件征求意见的期限不得少于%(days)d日，截止日期应不早于%(date)s。"
                )
                % {
                    "days": minimum,
                    "date": (opens_on + timedelta(days=minimum)).isoformat(),
                }
            }
        )


class ConsultationSection(Orderable):
    """One numbered section of the draft; comments can be made on it."""

    page = ParentalKey(
        ConsultationPage, verbose_name=_("页面"), on_delete=models.CASCADE, related_name="sections"
    )
    heading = models.CharField(_("章节标题"), max_length=200)
    text = models.TextField(_("章节内容"))

    panels = [FieldPanel("heading"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("草案章节")
        verbose_name_plural = _("草案章节")

    def __str__(self) -> str:
        return self.heading


class ConsultationAttachment(Orderable):
    """A file of the draft (the full text, an explanation), kept as a Wagtail document."""

    page = ParentalKey(
        ConsultationPage,
        verbose_name=_("页面"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("显示名称"), max_length=200, blank=True, help_text=_("留空则用文件标题。")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class ConsultationComment(models.Model):
    """A comment from the public, on the whole draft or on one section; moderated before publication."""

    class State(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已公开")
        REJECTED = "rejected", _("不予公开")

    class Adoption(models.TextChoices):
        ADOPTED = "adopted", _("采纳")
        PARTLY = "partly", _("部分采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    page = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("意见征集"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    section = models.ForeignKey(
        ConsultationSection,
        verbose_name=_("针对章节"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text=_("留空为针对草案整体。"),
    )
    name = models.CharField(_("署名"), max_length=50, blank=True)
    phone = EncryptedTextField(_("联系电话"))
    text = models.TextField(_("意见内容"))
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    client_key = models.CharField(
        _("来源索引"), max_length=64, db_index=True
    )  # blind index of the IP address
    flagged_words = models.JSONField(_("文字检查命中"), default=list, blank=True)
    state = models.CharField(
        _("审核状态"), max_length=16, choices=State.choices, default=State.PENDING, db_index=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审读人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    rejection_reason = models.CharField(_("不予公开理由"), max_length=500, blank=True)
    adoption = models.CharField(_("采纳情况"), max_length=16, choices=Adoption.choices, blank=True)
    adoption_reason = models.TextField(_("采纳情况说明"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("征集意见")
        verbose_name_plural = _("征集意见")
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.page_id}#{self.pk}"

    @property
    def display_name(self) -> str:
        return self.name or str(_("匿名"))


class ConsultationFeedback(models.Model):
    """The unit's answer after the period (意见采纳情况反馈) and the consultation's archiving."""

    page = models.OneToOneField(
        ConsultationPage,
        verbose_name=_("意见征集"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    text = models.TextField(_("反馈说明"), blank=True)
    published_at = models.DateTimeField(_("反馈公开时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("归档人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("意见采纳情况反馈")
        verbose_name_plural = _("意见采纳情况反馈")

    def __str__(self) -> str:
        return str(self.page_id)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
