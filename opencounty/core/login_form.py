"""The staff login form: Wagtail's, with the password field labelled in Chinese (Wagtail leaves
it unlabelled, so Django shows the field name "Password")."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class StaffLoginForm(LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("密码")
