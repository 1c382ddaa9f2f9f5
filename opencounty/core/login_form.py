"""The staff login form: Wagtail's, with the password field labelled in Chinese (Wagtail leaves
it unlabelled, so Django shows the field name "Password") and the captcha question
(`core.captcha`) answered before the password is even checked (STAFF_LOGIN_CAPTCHA)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from opencounty.core.captcha import CaptchaFormMixin


class StaffLoginForm(CaptchaFormMixin, LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("密码")
        if not settings.STAFF_LOGIN_CAPTCHA:
            del self.fields["captcha_answer"]

    @property
    def asks_captcha(self) -> bool:
        return "captcha_answer" in self.fields

    def clean(self):
        if self.asks_captcha and "captcha_answer" not in self.cleaned_data:
            # No password check (and no count towards a lockout) without the right answer.
            return self.cleaned_data
        return super().clean()

    def full_clean(self) -> None:
        super().full_clean()
        if self.asks_captcha and self.is_bound and self._errors:
            # The page shown again asks a new question: the old answer is not kept.
            data = self.data.copy()
            data.pop("captcha_answer", None)
            self.data = data
