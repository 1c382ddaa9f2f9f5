"""Wagtail hooks of the interaction app (consultations and error reports keep theirs in their packages)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.disclosure.wagtail_hooks import StaffMenuItem
from opencounty.interaction.consultations import wagtail_hooks as _consultations  # noqa: F401
from opencounty.interaction.error_reports import wagtail_hooks as _error_reports  # noqa: F401
from opencounty.interaction.letters import admin_views as letter_views
from opencounty.interaction.surveys import hooks as survey_hooks

letter_urlpatterns = (
    [
        path("", letter_views.inbox, name="inbox"),
        path("<int:case_id>/", letter_views.letter_detail, name="detail"),
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


@hooks.register("register_admin_menu_item")
def register_letters_menu_item():
    return StaffMenuItem(_("信箱来信"), reverse("letters_admin:inbox"), icon_name="mail", order=260)


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    return survey_hooks.admin_urls()


@hooks.register("register_page_listing_more_buttons")
def survey_listing_buttons(page, user, next_url=None):
    yield from survey_hooks.survey_buttons(page, user)


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    yield from survey_hooks.survey_buttons(page, user)
