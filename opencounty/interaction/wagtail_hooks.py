"""Wagtail hooks of the interaction app (consultations keep theirs in their package; the
letters and error reports use the case engine's screens)."""

from django.urls import include, path
from wagtail import hooks

from opencounty.interaction.consultations import wagtail_hooks as _consultations  # noqa: F401
from opencounty.interaction.letters import admin_views as letter_views
from opencounty.interaction.surveys import hooks as survey_hooks

letter_urlpatterns = (
    [
        path(
            "<int:case_id>/attachments/<int:attachment_id>/",
            letter_views.attachment,
            name="attachment",
        ),
    ],
    "letters_admin",
)


@hooks.register("register_admin_urls")
def register_interaction_admin_urls():
    return [path("letters/", include(letter_urlpatterns))]


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    return survey_hooks.admin_urls()


@hooks.register("register_page_listing_more_buttons")
def survey_listing_buttons(page, user, next_url=None):
    yield from survey_hooks.survey_buttons(page, user)


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    yield from survey_hooks.survey_buttons(page, user)
