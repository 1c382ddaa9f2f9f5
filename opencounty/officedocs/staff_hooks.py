"""Admin addresses and menu items of the notices, the directory and the document search
(imported by `officedocs.wagtail_hooks`)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.core.menu import StaffMenuItem
from opencounty.officedocs import staff_views as views

notice_urlpatterns = (
    [
        path("", views.notice_list, name="list"),
        path("new/", views.notice_new, name="new"),
        path("<int:notice_id>/", views.notice_detail, name="detail"),
        path(
            "<int:notice_id>/attachments/<int:attachment_id>/",
            views.notice_attachment,
            name="attachment",
        ),
    ],
    "officedocs_notices",
)
directory_urlpatterns = (
    [
        path("", views.directory_list, name="list"),
        path("<int:unit_id>/edit/", views.directory_edit, name="edit"),
        path("export.xlsx", views.directory_export, name="export"),
    ],
    "officedocs_directory",
)
records_urlpatterns = (
    [
        path("search/", views.search, name="search"),
        path("archive/export/", views.archive_export, name="archive"),
    ],
    "officedocs_records",
)


@hooks.register("register_admin_urls")
def register_staff_urls():
    return [
        path("officedocs/notices/", include(notice_urlpatterns)),
        path("officedocs/directory/", include(directory_urlpatterns)),
        path("officedocs/", include(records_urlpatterns)),
    ]


@hooks.register("register_admin_menu_item")
def register_notices_menu_item():
    return StaffMenuItem(
        _("内部通知"), reverse("officedocs_notices:list"), icon_name="info-circle", order=227
    )


@hooks.register("register_admin_menu_item")
def register_search_menu_item():
    return StaffMenuItem(
        _("公文查询"), reverse("officedocs_records:search"), icon_name="search", order=228
    )


@hooks.register("register_admin_menu_item")
def register_directory_menu_item():
    return StaffMenuItem(
        _("通讯录"), reverse("officedocs_directory:list"), icon_name="group", order=229
    )
