from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.disclosure.wagtail_hooks import StaffMenuItem
from opencounty.interaction.letters import admin_views as letter_views

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
