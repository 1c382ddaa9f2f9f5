from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.core.menu import StaffMenuItem
from opencounty.powers import admin_views as views

urlpatterns = (
    [
        path("", views.power_list, name="list"),
        path("new/", views.power_new, name="new"),
        path("<int:pk>/", views.power_detail, name="detail"),
        path("<int:pk>/edit/", views.power_edit, name="edit"),
        path("penalties/new/", views.penalty_new, name="penalty_new"),
        path("publicity/", views.publicity, name="publicity"),
    ],
    "powers_admin",
)


@hooks.register("register_admin_urls")
def register_powers_admin_urls():
    return [path("powers/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_powers_menu_item():
    return StaffMenuItem(
        _("权力清单"), reverse("powers_admin:list"), icon_name="list-ul", order=263
    )
