from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.core.menu import StaffMenuItem
from opencounty.disclosure import admin_views, catalogue_admin, report_admin_views

admin_urlpatterns = (
    [
        path("<int:case_id>/letter.docx", admin_views.reply_letter, name="letter"),
        path("<int:case_id>/id-document/", admin_views.id_document, name="id_document"),
        path("<int:case_id>/delivery/", admin_views.delivery_slip, name="delivery"),
        path("<int:case_id>/letter-draft.docx", admin_views.letter_preview, name="letter_draft"),
    ],
    "disclosure_admin",
)


@hooks.register("register_admin_urls")
def register_disclosure_admin_urls():
    return [
        path("disclosure-requests/", include(admin_urlpatterns)),
        path(
            "disclosure-catalogue/late/",
            catalogue_admin.late_list,
            name="disclosure_catalogue_late",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_late_list_menu_item():
    return StaffMenuItem(
        _("公开时限预警"), reverse("disclosure_catalogue_late"), icon_name="warning", order=251
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_late_publication(request, page) -> None:
    warning = catalogue_admin.lateness_warning(page)
    if warning:
        messages.warning(request, warning)


annual_report_urlpatterns = (
    [
        path("", report_admin_views.report_list, name="list"),
        path("<str:unit_code>/<int:year>/", report_admin_views.report_edit, name="edit"),
        path(
            "<str:unit_code>/<int:year>/report.<str:format>",
            report_admin_views.report_export,
            name="export",
        ),
    ],
    "annual_report_admin",
)


@hooks.register("register_admin_urls")
def register_annual_report_admin_urls():
    return [path("annual-reports/", include(annual_report_urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_annual_report_menu_item():
    return StaffMenuItem(
        _("年度报告"), reverse("annual_report_admin:list"), icon_name="doc-full", order=252
    )
