"""Online surveys (网上调查): a page whose questions are built with Wagtail's form builder.

Answers are form submissions (`SurveyAnswer`); the rules for taking one live in
`interaction/surveys/actions.py`, the counting in `interaction/surveys/results.py`.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder, WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractFormField, AbstractFormSubmission, FormMixin
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from opencounty.core.public_forms import PublicFormMixin
from opencounty.portal.pages.base import PortalPage
from opencounty.portal.panels import TextCheckPanel
from opencounty.portal.slugs import ReadableSlugFormMixin

__all__ = ["SurveyAnswer", "SurveyPage", "SurveyQuestion"]

SINGLE, MULTIPLE, RATING, TEXT = "radio", "checkboxes", "rating", "multiline"
QUESTION_TYPES = (
    (SINGLE, _("单选题")),
    (MULTIPLE, _("多选题")),
    (RATING, _("评分题（1-5分）")),
    (TEXT, _("文字题")),
)
CHOICE_TYPES = (SINGLE, MULTIPLE)
RATING_CHOICES = [
    (1, _("1分 很不满意")),
    (2, _("2分 不满意")),
    (3, _("3分 一般")),
    (4, _("4分 满意")),
    (5, _("5分 很满意")),
]
TEXT_MAX_LENGTH = 2000
NOT_OPEN, OPEN, CLOSED = "not_open", "open", "closed"
TOKEN_SALT = "opencounty.survey.form-token"
COOKIE_SALT = "opencounty.survey.answered"

phone_validator = RegexValidator(r"^1[3-9]\d{9}$", _("请输入11位手机号码。"))


class SurveyFormBuilder(FormBuilder):
    """Wagtail's form builder with a rating field and Chinese error messages."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = {
            "required": _("请回答本题。"),
            "invalid_choice": _("请从给出的选项中选择。"),
            "invalid_list": _("请从给出的选项中选择。"),
        }
        return options

    def get_formatted_field_choices(self, field):
        return [(choice, choice) for choice in field.choice_list()]

    def create_rating_field(self, field, options):
        options["initial"] = None
        return forms.TypedChoiceField(
            choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect, **options
        )

    def create_multiline_field(self, field, options):
        options["max_length"] = TEXT_MAX_LENGTH
        options["error_messages"]["max_length"] = _("回答最多%(limit_value)d字。")
        options["widget"] = forms.Textarea(attrs={"rows": 4})
        return forms.CharField(**options)


class SurveyPageForm(ReadableSlugFormMixin, WagtailAdminFormPageForm):
    """The admin form of a survey: Wagtail's form-page checks (duplicate questions) included."""


class SurveyPage(RoutablePageMixin, FormMixin, PortalPage):
    """An online survey (网上调查): open from `opens_at` to `closes_at`, one answer per browser
    and/or phone, results shown when it closes (or live)."""

    class OneAnswerPer(models.TextChoices):
        BROWSER = "browser", _("每个浏览器限答一次")
        PHONE = "phone", _("每个手机号码限答一次")
        BROWSER_AND_PHONE = "browser_and_phone", _("每个浏览器、每个手机号码各限答一次")

    intro = RichTextField(_("调查说明"), blank=True)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("结束时间"))
    one_answer_per = models.CharField(
        _("答题限制"),
        max_length=20,
        choices=OneAnswerPer.choices,
        default=OneAnswerPer.BROWSER,
        help_text=_("限制手机号码时，答题人需填写手机号码；号码只以加密摘要保存。"),
    )
    results_live = models.BooleanField(
        _("调查期间公开结果"),
        default=False,
        help_text=_("不勾选则在调查结束后公布结果。"),
    )
    thank_you = models.CharField(
        _("提交成功提示"), max_length=200, blank=True, help_text=_("留空则显示默认感谢语。")
    )

    template = "interaction/survey_page.html"
    landing_page_template = "interaction/survey_page_landing.html"
    results_template = "interaction/survey_results.html"
    base_form_class = SurveyPageForm
    form_builder = SurveyFormBuilder
    preview_modes = [("", _("调查问卷"))]

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading=_("调查时间"),
        ),
        FieldPanel("one_answer_per"),
        FieldPanel("results_live"),
        InlinePanel("form_fields", label=_("题目"), min_num=1),
        FieldPanel("thank_you"),
        TextCheckPanel(heading=_("文字检查")),
    ]
    parent_page_types = ["portal.ColumnPage", "portal.PortalHomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("网上调查")
        verbose_name_plural = _("网上调查")

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("结束时间须晚于开始时间。")})

    # --- rules -------------------------------------------------------------

    def state(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return NOT_OPEN
        if now >= self.closes_at:
            return CLOSED
        return OPEN

    def results_are_public(self, now: datetime | None = None) -> bool:
        state = self.state(now)
        return state == CLOSED or (state == OPEN and self.results_live)

    @property
    def limits_browser(self) -> bool:
        return self.one_answer_per in (
            self.OneAnswerPer.BROWSER,
            self.OneAnswerPer.BROWSER_AND_PHONE,
        )

    @property
    def limits_phone(self) -> bool:
        return self.one_answer_per in (self.OneAnswerPer.PHONE, self.OneAnswerPer.BROWSER_AND_PHONE)

    def answered_cookie_name(self) -> str:
        return f"oc_survey_{self.pk}"

    def has_answered_cookie(self, request: HttpRequest) -> bool:
        value = request.get_signed_cookie(
            self.answered_cookie_name(), default=None, salt=COOKIE_SALT
        )
        return value == str(self.pk)

    # --- the form ----------------------------------------------------------

    def get_form_class(self):
        question_form = super().get_form_class()
        extra: dict[str, forms.Field] = {
            "form_token": forms.CharField(widget=forms.HiddenInput, required=False)
        }
        if self.limits_phone:
            extra["phone"] = forms.CharField(
                label=_("手机号码"),
                max_length=11,
                validators=[phone_validator],
                help_text=_("每个手机号码只能回答一次；号码不会公开，也不以明文保存。"),
                error_messages={"required": _("请填写手机号码。")},
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
            )
        return type("SurveyForm", (PublicFormMixin, question_form), extra)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if not form.is_bound:
            form.initial["form_token"] = signing.dumps(get_random_string(32), salt=TOKEN_SALT)
        return form

    @staticmethod
    def token_of(form) -> str:
        """The random token of the rendered form, so one form cannot be sent twice."""
        try:
            return signing.loads(form.cleaned_data.get("form_token") or "", salt=TOKEN_SALT)
        except signing.BadSignature:
            return ""

    def get_submission_class(self):
        return SurveyAnswer

    def get_submissions_list_view_class(self):
        from opencounty.interaction.surveys.admin_views import SurveySubmissionsListView

        return SurveySubmissionsListView

    def questions(self) -> list[SurveyQuestion]:
        return list(self.get_form_fields())

    def text_for_check(self) -> str:
        parts = [self.title, strip_tags(self.intro or ""), self.thank_you]
        for question in self.get_form_fields():
            parts += [question.label, question.help_text, question.choices]
        return "\n".join(p for p in parts if p)

    # --- public views ------------------------------------------------------

    @path("")
    def survey(self, request: HttpRequest) -> HttpResponse:
        from opencounty.interaction.surveys import views

        return views.survey(request, self)

    @path("results/")
    def results(self, request: HttpRequest) -> HttpResponse:
        from opencounty.interaction.surveys import views

        return views.results(request, self)

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        context = self.get_context(request)
        context.update({"form": self.get_form(page=self), "state": OPEN, "preview": True})
        return TemplateResponse(request, self.template, context)


class SurveyQuestion(AbstractFormField):
    """One question (题目) of a survey."""

    page = ParentalKey(
        SurveyPage, verbose_name=_("页面"), on_delete=models.CASCADE, related_name="form_fields"
    )
    label = models.CharField(_("题目"), max_length=255)
    field_type = models.CharField(_("题型"), max_length=16, choices=QUESTION_TYPES)
    field_type.required_on_save = True
    required = models.BooleanField(_("必答"), default=True)
    choices = models.TextField(
        _("选项"), blank=True, help_text=_("单选题、多选题填写，每行一个选项。")
    )
    help_text = models.CharField(_("提示"), max_length=255, blank=True)

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("choices", classname="formbuilder-choices"),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = _("题目")
        verbose_name_plural = _("题目")

    def get_field_clean_name(self) -> str:
        # Wagtail's default turns Chinese labels into long escapes that can overflow the column.
        return "q_" + hashlib.sha256(self.label.strip().encode("utf-8")).hexdigest()[:12]

    def clean(self) -> None:
        super().clean()
        if self.field_type in CHOICE_TYPES and len(self.choice_list()) < 2:
            raise ValidationError({"choices": _("单选题、多选题至少需要两个选项。")})

    def choice_list(self) -> list[str]:
        lines = [line.strip() for line in (self.choices or "").splitlines()]
        if len(lines) <= 1:
            lines = [part.strip() for part in (self.choices or "").split(",")]
        return [line for line in lines if line]


class SurveyAnswer(AbstractFormSubmission):
    """One answer sheet (答卷). The phone number is kept only as a keyed hash."""

    browser_key = models.CharField(
        _("浏览器索引"), max_length=64, blank=True
    )  # the form's one-time token
    phone_key = models.CharField(
        _("手机号索引"), max_length=64, blank=True
    )  # blind index of survey + phone

    class Meta:
        verbose_name = _("调查答卷")
        verbose_name_plural = _("调查答卷")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "browser_key"],
                condition=~models.Q(browser_key=""),
                name="survey_answer_once_per_form",
            ),
            models.UniqueConstraint(
                fields=["page", "phone_key"],
                condition=~models.Q(phone_key=""),
                name="survey_answer_once_per_phone",
            ),
        ]
        indexes = [models.Index(fields=["page", "submit_time"], name="survey_answer_page_time")]
