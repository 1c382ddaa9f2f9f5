"""Service items (政务服务事项) and their guides (办事指南), and the service center's windows.

A service item is a page, so its guide is edited, reviewed and published like any
page; a guide missing a key element (domain-rules section 3) cannot pass review.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from opencounty.core.crypto import EncryptedTextField
from opencounty.core.storage import PrivateStorage
from opencounty.portal.pages.base import PortalPage
from opencounty.search.segment import segment_for_index
from opencounty.services import guide, hall
from opencounty.services.panels import GuideCompletenessPanel


class ItemType(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    CONFIRMATION = "confirmation", _("行政确认")
    PAYMENT = "payment", _("行政给付")
    LEVY = "levy", _("行政征收")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class ItemKind(models.TextChoices):
    IMMEDIATE = "immediate", _("即办件")
    PROMISED = "promised", _("承诺件")
    JOINT = "joint", _("联办件")
    REPORTED = "reported", _("上报件")


class Scope(models.TextChoices):
    INDIVIDUALS = "individuals", _("自然人")
    ORGANISATIONS = "organisations", _("法人或其他组织")
    BOTH = "both", _("自然人、法人或其他组织")


class LifeEvent(models.TextChoices):
    """个人办事 by life event."""

    BIRTH = "birth", _("生育收养")
    SCHOOLING = "schooling", _("教育入学")
    EMPLOYMENT = "employment", _("就业创业")
    HOUSING = "housing", _("住房保障")
    MARRIAGE = "marriage", _("婚姻登记")
    SOCIAL_SECURITY = "social_security", _("社会保障")
    MEDICAL = "medical", _("医疗卫生")
    TRAVEL = "travel", _("交通出行")
    RETIREMENT = "retirement", _("退休养老")
    DEATH = "death", _("死亡殡葬")


class EnterpriseTopic(models.TextChoices):
    """法人办事 by topic."""

    OPENING = "opening", _("设立变更")
    LICENCES = "licences", _("准营准办")
    TAX = "tax", _("纳税缴费")
    CONSTRUCTION = "construction", _("工程建设")
    TRADE = "trade", _("商务贸易")
    LABOUR = "labour", _("人力资源")
    CLOSING = "closing", _("注销清算")


class ServiceItemPage(RoutablePageMixin, PortalPage):
    """One service item and its complete guide."""

    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    item_type = models.CharField(_("事项类型"), max_length=20, choices=ItemType.choices)
    item_kind = models.CharField(_("办件类型"), max_length=20, choices=ItemKind.choices)
    department = models.ForeignKey(
        "core.Unit",
        verbose_name=_("实施部门"),
        on_delete=models.PROTECT,
        related_name="service_items",
    )
    basis = models.TextField(_("设定依据"), blank=True)
    scope = models.CharField(_("服务对象"), max_length=20, choices=Scope.choices, blank=True)
    conditions = models.TextField(_("受理条件"), blank=True)
    procedure = models.TextField(_("办理流程说明"), blank=True)
    handling_office = models.CharField(_("办理机构"), max_length=100, blank=True)
    place = models.CharField(_("办理地点"), max_length=200, blank=True)
    hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    statutory_days = models.PositiveIntegerField(_("法定办结时限（工作日）"), null=True, blank=True)
    promised_days = models.PositiveIntegerField(_("承诺办结时限（工作日）"), null=True, blank=True)
    is_free = models.BooleanField(_("不收费"), default=True)
    fees = models.TextField(_("收费标准"), blank=True)
    fee_basis = models.TextField(_("收费依据"), blank=True)
    visits = models.PositiveSmallIntegerField(_("到办事现场次数"), null=True, blank=True)
    consultation_phone = models.CharField(_("咨询电话"), max_length=40, blank=True)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=40, blank=True)
    online_application = models.BooleanField(_("可网上申请"), default=False)
    window = models.ForeignKey(
        "services.ServiceWindow",
        verbose_name=_("受理窗口"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    life_events = models.JSONField(_("个人办事主题"), default=list, blank=True)
    enterprise_topics = models.JSONField(_("法人办事主题"), default=list, blank=True)

    content_panels = PortalPage.content_panels + [
        GuideCompletenessPanel(heading=_("办事指南完整性")),
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("item_type"),
                FieldPanel("item_kind"),
                FieldPanel("department"),
                FieldPanel("scope"),
            ],
            heading=_("基本信息"),
        ),
        FieldPanel("basis"),
        FieldPanel("conditions"),
        InlinePanel("materials", label=_("申请材料")),
        FieldPanel("procedure"),
        InlinePanel("steps", label=_("办理环节")),
        MultiFieldPanel(
            [
                FieldPanel("handling_office"),
                FieldPanel("window"),
                FieldPanel("place"),
                FieldPanel("hours"),
                FieldPanel("statutory_days"),
                FieldPanel("promised_days"),
                FieldPanel("visits"),
            ],
            heading=_("办理机构、地点与时限"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("fees"), FieldPanel("fee_basis")],
            heading=_("收费"),
        ),
        MultiFieldPanel(
            [FieldPanel("consultation_phone"), FieldPanel("complaint_phone")],
            heading=_("咨询与监督"),
        ),
        InlinePanel("faqs", label=_("常见问题")),
        MultiFieldPanel(
            [
                FieldPanel("online_application"),
                InlinePanel("form_fields", label=_("网上申请表单项")),
            ],
            heading=_("网上申请"),
        ),
        FieldPanel("life_events"),
        FieldPanel("enterprise_topics"),
    ]
    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types: list[str] = []

    # Site search lists guides as 办事指南 (opencounty/search).
    search_fields = PortalPage.search_fields + [
        index.SearchField("segmented_title", boost=3),
        index.SearchField("segmented_text"),
    ]

    class Meta:
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")

    def segmented_title(self) -> str:
        return segment_for_index(self.title)

    def segmented_text(self) -> str:
        return segment_for_index(self.guide_text())

    def guide_text(self) -> str:
        """What site search finds a guide by, besides its title: the department, the
        conditions, the procedure, the basis, the materials and the questions answered."""
        return " ".join(
            [
                self.department.name if self.department_id else "",
                self.handling_office,
                self.conditions,
                self.procedure,
                self.basis,
                *(material.name for material in self.materials.all()),
                *(faq.question for faq in self.faqs.all()),
            ]
        )

    def text_for_check(self) -> str:
        return "\n".join(
            [self.title, self.basis, self.conditions, self.procedure, self.fees, self.fee_basis]
        )

    def missing_elements(self) -> list[str]:
        """The key guide elements still missing (the national inspection fails such guides)."""
        from opencounty.services.completeness import missing_elements

        return missing_elements(self)

    def publication_blockers(self) -> list[str]:
        missing = self.missing_elements()
        if not missing:
            return []
        return [str(_("办事指南缺少要素：%(items)s")) % {"items": "、".join(missing)}]

    def time_limit(self) -> int:
        """Working days an accepted application has: 0 for 即办件, else the promised limit."""
        if self.item_kind == ItemKind.IMMEDIATE:
            return 0
        return self.promised_days or self.statutory_days or 0

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(guide.guide_context(self))
        return context

    @path("")
    def guide_view(self, request):
        return TemplateResponse(
            request, "services/service_item_page.html", self.get_context(request)
        )

    @path("print/")
    def print_view(self, request):
        return TemplateResponse(request, "services/item_print.html", self.get_context(request))


class ServiceIndexPage(RoutablePageMixin, PortalPage):
    """办事服务: the county's online service hall (under the home page: every department's
    items, by department, life event and topic) or a department's own items (under its
    sub-site, so the department's reviewers review its guides)."""

    metadata_type = "column"
    column_type_label = _("办事服务")

    intro = models.CharField(_("说明"), max_length=300, blank=True)

    content_panels = PortalPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.PortalHomePage", "portal.UnitSitePage"]
    subpage_types = ["services.ServiceItemPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("网上办事大厅")
        verbose_name_plural = _("网上办事大厅")

    def is_county_hall(self) -> bool:
        from opencounty.portal.units import unit_for_page

        unit = unit_for_page(self)
        return unit is None or unit.kind == unit.Kind.COUNTY_GOVERNMENT

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["is_county_hall"] = self.is_county_hall()
        return context

    def _render(self, request, template: str, **extra) -> TemplateResponse:
        context = self.get_context(request)
        context.update(extra)
        return TemplateResponse(request, f"services/{template}", context)

    @path("")
    def index(self, request):
        return self._render(request, "hall.html", **hall.index_context(self))

    @path("department/<str:code>/")
    def department_view(self, request, code: str):
        return self._render(request, "item_list.html", **hall.department_context(self, code))

    @path("life-events/")
    def life_events_view(self, request):
        return self._render(request, "themes.html", **hall.themes_context(self, "life_events"))

    @path("life-events/<str:code>/")
    def life_event_view(self, request, code: str):
        return self._render(
            request, "item_list.html", **hall.theme_context(self, "life_events", code)
        )

    @path("topics/")
    def topics_view(self, request):
        return self._render(
            request, "themes.html", **hall.themes_context(self, "enterprise_topics")
        )

    @path("topics/<str:code>/")
    def topic_view(self, request, code: str):
        return self._render(
            request, "item_list.html", **hall.theme_context(self, "enterprise_topics", code)
        )

    @path("search/")
    def search_view(self, request):
        return self._render(request, "item_list.html", **hall.search_context(self, request))

    @path("windows/")
    def windows_view(self, request):
        if not self.is_county_hall():
            raise Http404
        return self._render(request, "windows.html", **hall.windows_context())


class ServiceMaterial(Orderable):
    class Form(models.TextChoices):
        ORIGINAL = "original", _("原件")
        COPY = "copy", _("复印件")
        ORIGINAL_AND_COPY = "both", _("原件和复印件")
        ELECTRONIC = "electronic", _("电子件")

    item = ParentalKey(
        ServiceItemPage,
        verbose_name=_("服务事项"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    name = models.CharField(_("材料名称"), max_length=200)
    form = models.CharField(_("材料形式"), max_length=20, choices=Form.choices)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    required = models.BooleanField(_("必须提交"), default=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    blank_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("空白表格"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sample = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("示范文本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("form"),
        FieldPanel("copies"),
        FieldPanel("required"),
        FieldPanel("note"),
        FieldPanel("blank_form"),
        FieldPanel("sample"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")

    def __str__(self) -> str:
        return self.name


class ServiceStep(Orderable):
    """A step of the procedure (受理、审查、决定、送达…). For a 联办件, the steps with a
    department run in parallel after acceptance, each on its own time limit."""

    item = ParentalKey(
        ServiceItemPage, verbose_name=_("服务事项"), on_delete=models.CASCADE, related_name="steps"
    )
    name = models.CharField(_("环节名称"), max_length=100)
    description = models.CharField(_("环节说明"), max_length=300, blank=True)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("办理部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("联办件各部门并联办理的环节填写办理部门。"),
    )
    days = models.PositiveSmallIntegerField(_("环节时限（工作日）"), default=0)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("unit"), FieldPanel("days")]

    class Meta(Orderable.Meta):
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")

    def __str__(self) -> str:
        return self.name


class ServiceFAQ(Orderable):
    item = ParentalKey(
        ServiceItemPage, verbose_name=_("服务事项"), on_delete=models.CASCADE, related_name="faqs"
    )
    question = models.CharField(_("问题"), max_length=300)
    answer = models.TextField(_("解答"))

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")

    def __str__(self) -> str:
        return self.question


class ServiceFormField(Orderable):
    """One field of the item's online application form, defined by staff."""

    class FieldType(models.TextChoices):
        TEXT = "text", _("单行文本")
        TEXTAREA = "textarea", _("多行文本")
        NUMBER = "number", _("数字")
        DATE = "date", _("日期")
        CHOICE = "choice", _("单选")

    item = ParentalKey(
        ServiceItemPage,
        verbose_name=_("服务事项"),
        on_delete=models.CASCADE,
        related_name="form_fields",
    )
    name = models.SlugField(_("字段名"), max_length=40, allow_unicode=False)
    label = models.CharField(_("标签"), max_length=100)
    field_type = models.CharField(_("类型"), max_length=20, choices=FieldType.choices)
    choices = models.CharField(
        _("选项"), max_length=500, blank=True, help_text=_("单选项，用顿号“、”分隔。")
    )
    required = models.BooleanField(_("必填"), default=True)
    help_text = models.CharField(_("填写说明"), max_length=200, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("label"),
        FieldPanel("field_type"),
        FieldPanel("choices"),
        FieldPanel("required"),
        FieldPanel("help_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("表单项")
        verbose_name_plural = _("表单项")

    def __str__(self) -> str:
        return self.label


class ServiceWindow(models.Model):
    """A window (窗口) of the service center (便民服务中心)."""

    number = models.PositiveSmallIntegerField(_("窗口号"), unique=True)
    name = models.CharField(_("窗口名称"), max_length=100)
    location = models.CharField(_("位置"), max_length=100, blank=True)
    departments = models.ManyToManyField(
        "core.Unit", verbose_name=_("进驻部门"), related_name="service_windows", blank=True
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("窗口人员"),
        related_name="service_windows",
        blank=True,
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("location"),
        FieldPanel("departments"),
        FieldPanel("staff"),
    ]

    class Meta:
        verbose_name = _("服务窗口")
        verbose_name_plural = _("服务窗口")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}号窗口 {self.name}"


class Application(models.Model):
    """An online application (网上申请) for a service item, on the case engine (kind
    ``application``): the applicant's form data as structured data, the materials, the
    one-time notice, the result and the applicant's evaluation (好差评)."""

    class Result(models.TextChoices):
        APPROVED = "approved", _("准予")
        NOT_APPROVED = "not_approved", _("不予")

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="application"
    )
    item = models.ForeignKey(
        ServiceItemPage,
        verbose_name=_("服务事项"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    form_data = models.JSONField(_("申请表内容"), default=dict, blank=True)
    notice = models.TextField(_("一次性告知内容"), blank=True)
    notice_given_at = models.DateTimeField(_("一次性告知时间"), null=True, blank=True)
    rejection_reasons = models.TextField(_("不予受理理由"), blank=True)
    result = models.CharField(_("办理结果"), max_length=20, choices=Result.choices, blank=True)
    result_reasons = models.TextField(_("不予许可理由"), blank=True)
    document_number = models.CharField(_("证照或文书编号"), max_length=100, blank=True)
    completed_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    overall_rating = models.PositiveSmallIntegerField(_("总体满意度"), null=True, blank=True)
    efficiency_rating = models.PositiveSmallIntegerField(_("办事效率"), null=True, blank=True)
    guide_rating = models.PositiveSmallIntegerField(_("指南准确性"), null=True, blank=True)
    convenience_rating = models.PositiveSmallIntegerField(_("便利程度"), null=True, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("网上申请")
        verbose_name_plural = _("网上申请")

    def __str__(self) -> str:
        return f"{self.case.receipt_number} {self.item.title}"

    def form_rows(self) -> list[tuple[str, str]]:
        """(label, value) of the form data, in the order of the item's fields."""
        labels = {f.name: f.label for f in self.item.form_fields.all()}
        return [(labels.get(name, name), value) for name, value in self.form_data.items()]


class ApplicationMaterial(models.Model):
    """An uploaded material (kept outside MEDIA_ROOT: it may show identity documents)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("申请"),
        on_delete=models.CASCADE,
        related_name="uploaded_materials",
    )
    material = models.ForeignKey(
        ServiceMaterial,
        verbose_name=_("申请材料"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("材料名称"), max_length=200)
    file = models.FileField(
        _("文件"), upload_to="applications/%Y/%m/", storage=PrivateStorage(), max_length=300
    )
    original_name = models.CharField(_("原文件名"), max_length=200)
    supplement = models.BooleanField(_("补正材料"), default=False)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("申请材料文件")
        verbose_name_plural = _("申请材料文件")

    def __str__(self) -> str:
        return self.name


class ApplicationStep(models.Model):
    """One department's parallel step of an accepted 联办件, on its own time limit."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("同意")
        REFUSED = "refused", _("不同意")

    application = models.ForeignKey(
        Application, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="steps"
    )
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("办理部门"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("环节名称"), max_length=100)
    days = models.PositiveSmallIntegerField(_("环节时限（工作日）"))
    started_on = models.DateField(_("起算日"))
    due_on = models.DateField(_("环节期限"), null=True, blank=True)
    decision = models.CharField(_("意见"), max_length=20, choices=Decision.choices, blank=True)
    reasons = models.TextField(_("理由"), blank=True)
    document_number = models.CharField(_("文书编号"), max_length=100, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("办理时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("联办环节")
        verbose_name_plural = _("联办环节")
        # The steps still waiting for a decision, which the supervision board lists: a few
        # among every step ever decided.
        indexes = [
            models.Index(
                fields=["application"], condition=models.Q(decision=""), name="step_undecided"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit.short_name}）"


class Rectification(models.Model):
    """The follow-up of a bad review (差评整改), a case of kind ``rectification`` owned by
    the item's department."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="rectification"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="rectifications"
    )
    outcome = models.TextField(_("整改情况"), blank=True)
    fed_back_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    appeal = models.TextField(_("申诉内容"), blank=True)
    appealed_at = models.DateTimeField(_("申诉时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")

    def __str__(self) -> str:
        return self.case.receipt_number


class OutboundSMS(models.Model):
    """A text message, stored before any attempt to send it so that none is ever lost."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    phone = EncryptedTextField(_("手机号码"))
    text = models.CharField(_("内容"), max_length=500)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), db_index=True)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信")
        verbose_name_plural = _("短信")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.pk} {self.status}"
