"""Staff screens of a survey: the results with every free-text answer, and the Excel export.

Who may see answers is Wagtail's own rule for form submissions: staff who may
edit the survey page, which means staff of the owning unit (and the county office).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import HeaderButton
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListView

from opencounty.core import audit, export_text
from opencounty.interaction.models.surveys import SurveyPage
from opencounty.interaction.surveys.export import XLSX_TYPE, survey_workbook
from opencounty.interaction.surveys.results import tally


def can_read_answers(user, page: SurveyPage) -> bool:
    return get_forms_for_user(user).filter(pk=page.pk).exists()


def _survey_for(request: HttpRequest, page_id: int) -> SurveyPage:
    page = get_object_or_404(SurveyPage, pk=page_id)
    if not can_read_answers(request.user, page):
        raise PermissionDenied
    return page


def survey_results(request: HttpRequest, page_id: int) -> TemplateResponse:
    page = _survey_for(request, page_id)
    return TemplateResponse(
        request,
        "interaction/admin/survey_results.html",
        {
            "page": page,
            "results": tally(page),
            "state": page.state(),
            "show_texts": True,
            "submissions_url": reverse("wagtailforms:list_submissions", args=[page.pk]),
        },
    )


def survey_export(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _survey_for(request, page_id)
    content, answers = survey_workbook(page)
    audit.record("survey.export", actor=request.user, obj=page, details={"answers": answers})
    response = HttpResponse(content, content_type=XLSX_TYPE)
    filename = f"survey-{page.pk}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SurveySubmissionsListView(SubmissionsListView):
    """Wagtail's list of answer sheets, with links to the results and the Excel export.

    Answer sheets cannot be deleted from this list: the results are a public record.
    """

    results_template_name = "interaction/admin/survey_submissions.html"
    page_title = _("调查答卷")

    # Wagtail's own CSV and Excel downloads of the answer sheets follow the same rule as
    # every export (core.export_text): answers and question labels typed by people are never
    # formulas and never carry control characters that break the file.
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return export_text.csv_value(value)
        return export_text.spreadsheet_value(value)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            yield export_text.as_text(cell)

    def get_heading(self, queryset, field):
        # One heading serves both formats: the CSV rule, which is also safe text in a workbook.
        return export_text.csv_value(super().get_heading(queryset, field))

    def get_header_buttons(self):
        page_id = self.form_page.pk
        return [
            HeaderButton(
                _("统计结果"),
                url=reverse("survey_admin:results", args=[page_id]),
                icon_name="table",
            ),
            HeaderButton(
                _("导出Excel"),
                url=reverse("survey_admin:export", args=[page_id]),
                icon_name="download",
            ),
            *super().get_header_buttons(),
        ]
