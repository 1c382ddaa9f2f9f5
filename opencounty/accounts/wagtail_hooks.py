from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.account import BaseSettingsPanel

from opencounty.accounts import lockout_views, lockouts, notice, policy
from opencounty.accounts.forms import StaffMobileForm
from opencounty.accounts.models import StaffProfile


class LastLoginPanel(Component):
    name = "last_login"
    order = 5
    template_name = "accounts/last_login_panel.html"

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None):
        return {
            "last": notice.last_login(self.user),
            "has_second_factor": policy.has_second_factor(self.user),
        }


@hooks.register("construct_homepage_panels")
def show_last_login(request, panels) -> None:
    panels.insert(0, LastLoginPanel(request.user))


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [path("lockouts/", lockout_views.lockout_list, name="accounts_lockouts")]


class LockoutMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return lockouts.handles_lockouts(request.user)


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return LockoutMenuItem(_("登录锁定"), reverse("accounts_lockouts"), icon_name="lock", order=610)


@hooks.register("register_account_settings_panel")
class StaffMobilePanel(BaseSettingsPanel):
    """账号设置 → 手机号码: where reminders (e.g. 公文催办短信) are texted."""

    name = "staff_mobile"
    title = _("手机号码")
    order = 350
    form_class = StaffMobileForm

    def get_form(self):
        profile = StaffProfile.objects.filter(user=self.user).first()
        kwargs = {"instance": profile or StaffProfile(user=self.user), "prefix": self.name}
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)
