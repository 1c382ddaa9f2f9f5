from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.core.menu import StaffMenuItem
from opencounty.officedocs import admin_views

admin_urlpatterns = (
    [
        path("", admin_views.inbox, name="inbox"),
        path("sent/", admin_views.outbox, name="outbox"),
        path("new/", admin_views.new, name="new"),
        path("<int:document_id>/", admin_views.detail, name="detail"),
        path("<int:document_id>/document.docx", admin_views.document_docx, name="docx"),
        path("<int:document_id>/document.pdf", admin_views.document_pdf, name="pdf"),
        path("<int:document_id>/edit/", admin_views.edit, name="edit"),
        path("<int:document_id>/submit/", admin_views.submit, name="submit"),
        path("<int:document_id>/check/", admin_views.check, name="check"),
        path("<int:document_id>/return-draft/", admin_views.return_draft, name="return_draft"),
        path("<int:document_id>/send/", admin_views.send, name="send"),
        path("<int:document_id>/remind/", admin_views.remind, name="remind"),
        path("<int:document_id>/sign/", admin_views.sign_for, name="sign_for"),
        path("<int:document_id>/return/", admin_views.return_document, name="return"),
        path("<int:document_id>/propose/", admin_views.propose, name="propose"),
        path("<int:document_id>/instruct/", admin_views.instruct, name="instruct"),
        path("<int:document_id>/finish/", admin_views.finish, name="finish"),
        path(
            "<int:document_id>/attachments/<int:attachment_id>/",
            admin_views.attachment,
            name="attachment",
        ),
    ],
    "officedocs_admin",
)


@hooks.register("register_admin_urls")
def register_officedocs_admin_urls():
    return [path("officedocs/", include(admin_urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return StaffMenuItem(
        _("公文收文"), reverse("officedocs_admin:inbox"), icon_name="mail", order=225
    )


@hooks.register("register_admin_menu_item")
def register_outbox_menu_item():
    return StaffMenuItem(
        _("公文发文"), reverse("officedocs_admin:outbox"), icon_name="doc-full", order=226
    )


# Notices, directory, search and archive (issue 14): their own module.
from opencounty.officedocs import staff_hooks  # noqa: E402, F401
