"""Requests for disclosure (依申请公开) and the catalogue metadata of published information (公开目录)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from opencounty.cases.forms import not_in_future
from opencounty.core.storage import PrivateStorage
from opencounty.disclosure import catalogue
from opencounty.disclosure.outcomes import Outcome


class DisclosureRequest(models.Model):
    class ApplicantType(models.TextChoices):
        NATURAL_PERSON = "natural", _("自然人")
        COMMERCIAL = "commercial", _("商业企业")
        RESEARCH = "research", _("科研机构")
        SOCIAL_WELFARE = "welfare", _("社会公益组织")
        LEGAL_SERVICE = "legal_service", _("法律服务机构")
        OTHER_ORGANISATION = "other_org", _("其他组织")

    class IdType(models.TextChoices):
        ID_CARD = "id_card", _("居民身份证")
        PASSPORT = "passport", _("护照")
        HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
        TAIWAN = "taiwan", _("台湾居民来往大陆通行证")
        CREDIT_CODE = "credit_code", _("统一社会信用代码")
        OTHER = "other", _("其他证件")

    class FormWanted(models.TextChoices):
        PAPER = "paper", _("纸质")
        ELECTRONIC = "electronic", _("电子")

    class Delivery(models.TextChoices):
        POST = "post", _("邮寄")
        COLLECT = "collect", _("当面领取")
        EMAIL = "email", _("电子邮件")
        ONLINE = "online", _("网上获取")

    class Channel(models.TextChoices):
        ONLINE = "online", _("网上申请")
        IN_PERSON = "in_person", _("当面提交")
        POST = "post", _("邮寄（挂号信）")

    class FeeMethod(models.TextChoices):
        BY_COUNT = "count", _("按件计收")
        BY_PAGES = "pages", _("按量计收")

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="disclosure"
    )
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    organisation_name = models.CharField(_("单位名称"), max_length=200, blank=True)
    legal_representative = models.CharField(_("法定代表人或负责人"), max_length=50, blank=True)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices)
    id_document = models.FileField(
        _("证件扫描件"), storage=PrivateStorage(), upload_to="disclosure/ids/%Y/%m/", blank=True
    )
    applicant_key = models.CharField(
        _("申请人索引"), max_length=64, db_index=True
    )  # blind index of the id number
    postal_address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    description = models.TextField(_("所需信息的内容描述"))
    document_number = models.CharField(
        _("文件名称、文号或其他特征描述"), max_length=200, blank=True
    )
    form_wanted = models.CharField(
        _("获取信息的载体形式"), max_length=20, choices=FormWanted.choices
    )
    delivery = models.CharField(_("获取信息的方式"), max_length=20, choices=Delivery.choices)
    channel = models.CharField(
        _("申请方式"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("重复申请"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
    )
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True)
    correction_requested_on = models.DateField(_("补正告知日"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    correction_days = models.PositiveIntegerField(_("补正期限（工作日）"), null=True, blank=True)
    correction_note = models.TextField(_("需补正事项"), blank=True)
    correction_received_on = models.DateField(_("补正收到日"), null=True, blank=True)
    third_party = models.CharField(_("第三方"), max_length=200, blank=True)
    third_party_asked_on = models.DateField(_("征求第三方意见日"), null=True, blank=True)
    third_party_due_on = models.DateField(_("第三方答复期限"), null=True, blank=True)
    outcome = models.CharField(_("处理结果"), max_length=20, choices=Outcome.choices, blank=True)
    sub_reason = models.CharField(_("具体情形"), max_length=40, blank=True)
    responsible_body = models.CharField(_("负责公开的机关"), max_length=200, blank=True)
    decided_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    fee_yuan = models.DecimalField(_("信息处理费（元）"), max_digits=8, decimal_places=2, default=0)
    fee_method = models.CharField(
        _("收费方式"), max_length=10, choices=FeeMethod.choices, blank=True
    )
    fee_pages = models.PositiveIntegerField(_("计费页数"), null=True, blank=True)
    fee_accepted_at = models.DateTimeField(_("申请人同意收费时间"), null=True, blank=True)
    fee_notified_on = models.DateField(_("收费通知日"), null=True, blank=True)
    fee_due_on = models.DateField(_("缴费期限"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")

    def __str__(self) -> str:
        return self.case.receipt_number

    @property
    def applicant_is_organisation(self) -> bool:
        return self.applicant_type != self.ApplicantType.NATURAL_PERSON


class CatalogueRecord(Orderable):
    """The catalogue metadata (公开目录) of an article that is government information.

    A child of the article, so it is edited, reviewed and published with it.
    """

    page = ParentalKey(
        "portal.ArticlePage",
        verbose_name=_("页面"),
        on_delete=models.CASCADE,
        related_name="catalogue",
    )
    issuing_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("发布机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空则为本单位。"),
    )
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    subject = models.CharField(_("主题分类"), max_length=4, choices=catalogue.Subject.choices)
    statutory_category = models.CharField(
        _("公开类别"),
        max_length=30,
        choices=catalogue.ALL_CATEGORIES,
        help_text=_("《条例》第二十条、第二十一条规定的主动公开类别。"),
    )
    document_class = models.CharField(
        _("文件类别"),
        max_length=20,
        choices=catalogue.DocumentClass.choices,
        default=catalogue.DocumentClass.OTHER,
    )
    genre = models.CharField(_("体裁"), max_length=20, choices=catalogue.Genre.choices)
    made_on = models.DateField(_("成文日期"))
    changed_on = models.DateField(
        _("变更日期"), null=True, blank=True, help_text=_("信息内容变更时填写。")
    )
    disclosure_mode = models.CharField(
        _("公开方式"),
        max_length=20,
        choices=catalogue.DisclosureMode.choices,
        default=catalogue.DisclosureMode.PROACTIVE,
    )
    not_disclosed_reason = models.CharField(_("不予公开理由"), max_length=200, blank=True)
    validity = models.CharField(
        _("有效性"),
        max_length=20,
        choices=catalogue.Validity.choices,
        default=catalogue.Validity.VALID,
    )
    validity_changed_on = models.DateField(_("废止或失效日期"), null=True, blank=True)

    panels = [
        FieldPanel("issuing_unit"),
        FieldPanel("document_number"),
        FieldPanel("subject"),
        FieldPanel("statutory_category"),
        FieldPanel("document_class"),
        FieldPanel("genre"),
        FieldPanel("made_on"),
        FieldPanel("changed_on"),
        FieldPanel("disclosure_mode"),
        FieldPanel("not_disclosed_reason"),
        FieldPanel("validity"),
        FieldPanel("validity_changed_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("公开目录信息")
        verbose_name_plural = _("公开目录信息")

    def __str__(self) -> str:
        return self.document_number or str(self.page_id)

    def clean(self) -> None:
        errors = {}
        # The 20-working-day publication limit (Art. 26) counts from these: never after today.
        for name in ("made_on", "changed_on"):
            try:
                not_in_future(getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        if self.disclosure_mode == catalogue.DisclosureMode.NOT_DISCLOSED:
            if not self.not_disclosed_reason.strip():
                errors["not_disclosed_reason"] = _("不予公开的，请写明理由。")
        if self.validity != catalogue.Validity.VALID and self.validity_changed_on is None:
            errors["validity_changed_on"] = _("已废止或已失效的，请填写废止或失效日期。")
        if self.made_on and self.changed_on and self.changed_on < self.made_on:
            errors["changed_on"] = _("变更日期不能早于成文日期。")
        if self.made_on and self.validity_changed_on and self.validity_changed_on < self.made_on:
            errors["validity_changed_on"] = _("废止或失效日期不能早于成文日期。")
        if errors:
            raise ValidationError(errors)

    @property
    def is_readable(self) -> bool:
        """Only proactively disclosed information shows its content to the public."""
        return self.disclosure_mode == catalogue.DisclosureMode.PROACTIVE

    @property
    def made_or_changed_on(self):
        return self.changed_on or self.made_on

    def category_label(self) -> str:
        return catalogue.category_label(self.statutory_category)


class IndexNumber(models.Model):
    """索引号: taken when an article is first published with catalogue metadata; never reused.

    Kept apart from the article's revisions, so editing or deleting the article
    never frees or changes the number.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("页面"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="index_number",
    )
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(
        _("年度"),
    )
    sequence = models.PositiveIntegerField(
        _("序号"),
    )
    number = models.CharField(_("索引号"), max_length=60, unique=True)
    assigned_at = models.DateTimeField(_("编号时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("索引号")
        verbose_name_plural = _("索引号")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "sequence"], name="one_index_number_per_sequence"
            )
        ]

    def __str__(self) -> str:
        return self.number


from opencounty.disclosure.pages import DisclosurePage  # noqa: E402,F401  the page model lives there


class AnnualReport(models.Model):
    """A unit's annual disclosure report (政府信息公开工作年度报告) in the 2021 national format.

    Holds what staff write and enter; the platform computes the other tables.
    The computed tables are frozen into `published_tables` when the report is published.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)
    licensing_decisions = models.PositiveIntegerField(_("行政许可本年处理决定数量"), default=0)
    penalty_decisions = models.PositiveIntegerField(_("行政处罚本年处理决定数量"), default=0)
    compulsion_decisions = models.PositiveIntegerField(_("行政强制本年处理决定数量"), default=0)
    administrative_fees_10k_yuan = models.DecimalField(
        _("行政事业性收费本年收费金额（万元）"), max_digits=12, decimal_places=4, default=0
    )
    review_upheld = models.PositiveIntegerField(_("行政复议：结果维持"), default=0)
    review_corrected = models.PositiveIntegerField(_("行政复议：结果纠正"), default=0)
    review_other = models.PositiveIntegerField(_("行政复议：其他结果"), default=0)
    review_pending = models.PositiveIntegerField(_("行政复议：尚未审结"), default=0)
    direct_suit_upheld = models.PositiveIntegerField(_("未经复议直接起诉：结果维持"), default=0)
    direct_suit_corrected = models.PositiveIntegerField(_("未经复议直接起诉：结果纠正"), default=0)
    direct_suit_other = models.PositiveIntegerField(_("未经复议直接起诉：其他结果"), default=0)
    direct_suit_pending = models.PositiveIntegerField(_("未经复议直接起诉：尚未审结"), default=0)
    suit_after_review_upheld = models.PositiveIntegerField(_("复议后起诉：结果维持"), default=0)
    suit_after_review_corrected = models.PositiveIntegerField(_("复议后起诉：结果纠正"), default=0)
    suit_after_review_other = models.PositiveIntegerField(_("复议后起诉：其他结果"), default=0)
    suit_after_review_pending = models.PositiveIntegerField(_("复议后起诉：尚未审结"), default=0)
    fee_notices = models.PositiveIntegerField(_("发出收费通知件数"), default=0)
    fees_notified_yuan = models.DecimalField(
        _("收费通知总金额（元）"), max_digits=10, decimal_places=2, default=0
    )
    fees_collected_yuan = models.DecimalField(
        _("实际收取信息处理费总金额（元）"), max_digits=10, decimal_places=2, default=0
    )
    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_tables = models.JSONField(_("发布时的统计表"), default=list, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_annual_report_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}年政府信息公开工作年度报告"

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED
