"""Wagtail admin wiring of surveys: result and export screens, buttons on survey pages."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button

from opencounty.interaction.models.surveys import SurveyPage
from opencounty.interaction.surveys import admin_views

admin_urlpatterns = (
    [
        path("<int:page_id>/results/", admin_views.survey_results, name="results"),
        path("<int:page_id>/export/", admin_views.survey_export, name="export"),
    ],
    "survey_admin",
)


def admin_urls() -> list:
    return [path("surveys/", include(admin_urlpatterns))]


def survey_buttons(page, user) -> list[Button]:
    specific = page.specific_deferred
    if not isinstance(specific, SurveyPage) or not admin_views.can_read_answers(user, specific):
        return []
    return [
        Button(
            _("调查答卷"),
            url=reverse("wagtailforms:list_submissions", args=[page.pk]),
            icon_name="form",
            priority=90,
        ),
        Button(
            _("统计结果"),
            url=reverse("survey_admin:results", args=[page.pk]),
            icon_name="table",
            priority=91,
        ),
        Button(
            _("导出Excel"),
            url=reverse("survey_admin:export", args=[page.pk]),
            icon_name="download",
            priority=92,
        ),
    ]
