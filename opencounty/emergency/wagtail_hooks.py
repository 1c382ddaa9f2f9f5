from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.core.menu import StaffMenuItem
from opencounty.emergency import admin_views as views

urlpatterns = (
    [
        path("", views.desk, name="desk"),
        path("warnings/", views.warning_list, name="warnings"),
        path("warnings/new/", views.warning_new, name="warning_new"),
        path("warnings/<int:pk>/", views.warning_detail, name="warning"),
        path("roster/", views.roster, name="roster"),
        path("contacts/", views.contacts, name="contacts"),
        path("plans/", views.plans, name="plans"),
        path("plans/file/<int:pk>/", views.plan_file, name="plan_file"),
        path("incidents/new/", views.incident_new, name="incident_new"),
        path("incidents/<int:pk>/bulletin.docx", views.incident_docx, name="incident_docx"),
        path("incidents/photo/<int:pk>/", views.incident_photo, name="incident_photo"),
        path("incidents/<int:pk>/photos/", views.incident_photos, name="incident_photos"),
    ],
    "emergency_admin",
)


@hooks.register("register_admin_urls")
def register_emergency_admin_urls():
    return [path("emergency/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_emergency_menu_item():
    return StaffMenuItem(
        _("应急值守"), reverse("emergency_admin:desk"), icon_name="warning", order=270
    )
