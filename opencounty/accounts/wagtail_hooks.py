from wagtail import hooks
from wagtail.admin.ui.components import Component

from opencounty.accounts import notice, policy


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
