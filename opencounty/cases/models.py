"""A case: receipt number, query code, submitter, owning unit, state, clock, timeline, reply, rating."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opencounty.core.crypto import EncryptedTextField
from opencounty.core.masking import mask_id_number, mask_phone


class Case(models.Model):
    kind = models.CharField(_("类别"), max_length=32)
    receipt_number = models.CharField(_("受理编号"), max_length=40, unique=True)
    query_code_hash = models.CharField(_("查询码摘要"), max_length=128)
    title = models.CharField(_("标题"), max_length=200)
    submitter_name = models.CharField(_("提交人"), max_length=100)
    submitter_id_number = EncryptedTextField(_("证件号码"), blank=True)
    submitter_phone = EncryptedTextField(_("联系电话"), blank=True)
    submitter_email = models.EmailField(_("电子邮箱"), blank=True)
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("承办单位"), on_delete=models.PROTECT, related_name="cases"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    state = models.CharField(_("状态"), max_length=32, db_index=True)
    submitted_at = models.DateTimeField(_("提交时间"))
    clock_started_on = models.DateField(_("计时起算日"), null=True, blank=True)
    time_limit = models.PositiveIntegerField(_("办理时限"), default=0)
    # Derived from the start, the limit, extensions and pauses by cases.clock; kept as a
    # column only so that supervision can filter on it. Nothing else writes it.
    due_on = models.DateField(_("办理期限"), null=True, blank=True, db_index=True)
    # The due date counts days of a year whose holiday schedule is not entered yet (暂定);
    # it is derived again when the office enters the year.
    due_provisional = models.BooleanField(_("期限暂定"), default=False)
    # Kinds whose clock counts minutes (kinds.MINUTES): the moment the period runs from and
    # the moment it ends (derived like due_on, which then holds due_at's local day).
    clock_started_at = models.DateTimeField(_("计时起算时间"), null=True, blank=True)
    due_at = models.DateTimeField(_("办理时限（时刻）"), null=True, blank=True)
    reply = models.TextField(_("答复"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    is_public = models.BooleanField(_("可公开"), default=False)
    rating = models.PositiveSmallIntegerField(_("评价"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["kind", "state", "due_on"]),
            # A kind's cases open or closed since a day (supervision's flag sources, the
            # assessment's month) from the index alone; also every lookup by kind.
            models.Index(fields=["kind", "closed_at"], name="case_kind_closed"),
            # The open cases for supervision (board colours, counts and rows, the assessment's
            # counts per unit): ranges of due days per kind, read from the index alone. Every
            # column the board and the assessment filter, order or count on is in it (closed_at
            # too: SQLite reads a partial index alone only when it holds every column named).
            models.Index(
                fields=[
                    "kind",
                    "due_on",
                    "due_at",
                    "receipt_number",
                    "replied_at",
                    "unit",
                    "state",
                    "submitted_at",
                    "closed_at",
                ],
                condition=models.Q(closed_at__isnull=True),
                name="case_open_kind_due",
            ),
            # The same per unit: the assessment's counts grouped by unit, a unit's board.
            models.Index(
                fields=[
                    "unit",
                    "kind",
                    "due_on",
                    "due_at",
                    "replied_at",
                    "submitted_at",
                    "closed_at",
                ],
                condition=models.Q(closed_at__isnull=True),
                name="case_open_unit_kind_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number} {self.title}"

    @property
    def case_kind(self):
        from opencounty.cases import kinds

        return kinds.get(self.kind)

    @property
    def state_label(self) -> str:
        return str(self.case_kind.states.get(self.state, self.state))

    @property
    def unit_summary(self) -> tuple[str, str]:
        """(heading, text) the summaries show for the owning unit (the kind may say otherwise)."""
        summary = self.case_kind.unit_summary
        if summary is not None:
            heading, text = summary(self)
            return str(heading), text
        return str(_("承办单位")), self.unit.name

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.submitter_phone)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.submitter_id_number)


class ClockPause(models.Model):
    """Time not counted (补正, third-party consultation): working days after `started_on` up to `ended_on`."""

    case = models.ForeignKey(
        Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="pauses"
    )
    started_on = models.DateField(_("暂停日"))
    ended_on = models.DateField(_("恢复日"), null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=200)

    class Meta:
        verbose_name = _("计时暂停")
        verbose_name_plural = _("计时暂停")
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.started_on}–{self.ended_on or ''} {self.reason}"


class Extension(models.Model):
    case = models.ForeignKey(
        Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveIntegerField(_("延长工作日"))
    reason = models.CharField(_("理由"), max_length=200)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("延期")
        verbose_name_plural = _("延期")

    def __str__(self) -> str:
        return f"+{self.days} {self.reason}"


VERB_LABELS = {
    "submit": _("提交"),
    "receive": _("登记受理"),
    "assign": _("分配经办人"),
    "transfer": _("转办"),
    "pause": _("暂停计时"),
    "resume": _("恢复计时"),
    "extend": _("延长答复期限"),
    "reply": _("答复"),
    "close": _("办结"),
    "request_correction": _("告知补正"),
    "receive_correction": _("收到补正"),
    "withdraw": _("视为撤回"),
    "notify_fee": _("发出收费通知"),
    "record_payment": _("确认已缴费"),
    "accept": _("受理"),
    "mark_fixed": _("已修正"),
    "mark_not_an_error": _("经核实无误"),
}


class TimelineEvent(models.Model):
    """One step in a case's history, shown to staff (and the public part to the submitter)."""

    case = models.ForeignKey(
        Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="timeline"
    )
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verb = models.CharField(_("动作"), max_length=32)
    state = models.CharField(_("之后状态"), max_length=32)
    note = models.TextField(_("说明"), blank=True)
    public = models.BooleanField(_("对提交人可见"), default=True)

    class Meta:
        verbose_name = _("办理过程")
        verbose_name_plural = _("办理过程")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb}"

    @property
    def verb_label(self) -> str:
        own = self.case.case_kind.verb_labels.get(self.verb)
        return str(own or VERB_LABELS.get(self.verb, self.verb))


class WarningNotice(models.Model):
    """A yellow or red deadline warning mailed to the case's unit (each level once)."""

    case = models.ForeignKey(
        Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="warning_notices"
    )
    level = models.CharField(_("预警级别"), max_length=10)
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("预警通知")
        verbose_name_plural = _("预警通知")
        constraints = [
            models.UniqueConstraint(fields=["case", "level"], name="one_notice_per_case_level")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.level}"


class Recalculation(models.Model):
    """The holiday table changed: the due dates of the open cases it touches were derived again."""

    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("原因"), max_length=200)
    checked = models.PositiveIntegerField(_("重算办件数"), default=0)

    class Meta:
        verbose_name = _("期限重算")
        verbose_name_plural = _("期限重算")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.reason}"


class DeadlineMove(models.Model):
    """One case whose due date a recalculation moved (or whose provisional mark it lifted)."""

    recalculation = models.ForeignKey(
        Recalculation, verbose_name=_("重算记录"), on_delete=models.CASCADE, related_name="moves"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="deadline_moves"
    )
    old_due_on = models.DateField(_("原期限"), null=True)
    old_provisional = models.BooleanField(_("原期限暂定"), default=False)
    new_due_on = models.DateField(_("新期限"), null=True)
    new_provisional = models.BooleanField(_("新期限暂定"), default=False)

    class Meta:
        verbose_name = _("期限变动")
        verbose_name_plural = _("期限变动")
        ordering = ["new_due_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.old_due_on} → {self.new_due_on}"

    @property
    def earlier(self) -> bool:
        return (
            self.old_due_on is not None
            and self.new_due_on is not None
            and self.new_due_on < self.old_due_on
        )
