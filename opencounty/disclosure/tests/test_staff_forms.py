from django.utils import timezone, translation

from opencounty.disclosure.staff_forms import DateForm


def test_the_date_a_browser_shows_is_today_in_iso_form_whatever_the_language():
    with translation.override("zh-hans"):
        html = DateForm(prefix="receive").as_p()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in html, "<input type=date> needs YYYY-MM-DD"
