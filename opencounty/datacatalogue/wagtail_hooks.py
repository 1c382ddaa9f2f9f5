from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.core.menu import StaffMenuItem
from opencounty.datacatalogue import admin_views as views

urlpatterns = (
    [
        path("", views.resource_list, name="list"),
        path("new/", views.resource_new, name="new"),
        path("<int:pk>/", views.resource_detail, name="detail"),
        path("<int:pk>/edit/", views.resource_edit, name="edit"),
        path("<int:pk>/files/<int:file_pk>/", views.file_download, name="file"),
        path("<int:pk>/request/", views.sharing_new, name="request"),
        path("requests/", views.sharing_list, name="sharing_list"),
        path("requests/<int:pk>/", views.sharing_detail, name="sharing"),
    ],
    "datacatalogue_admin",
)


@hooks.register("register_admin_urls")
def register_datacatalogue_admin_urls():
    return [path("datacatalogue/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_datacatalogue_menu_item():
    return StaffMenuItem(
        _("政务信息资源目录"), reverse("datacatalogue_admin:list"), icon_name="table", order=265
    )
