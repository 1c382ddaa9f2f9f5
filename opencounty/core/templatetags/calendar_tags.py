"""The 暂定 mark for a date counted on a year whose holiday schedule is not entered yet."""

from datetime import date

from django import template
from django.utils.html import format_html

from opencounty.core import calendar

register = template.Library()


@register.simple_tag
def provisional_mark(due: date | None, start: date | None = None) -> str:
    """'（暂定…）' after a deadline whose count, from the day after `start` (or its own day)
    to `due`, touches a year the office has not entered."""
    if due is None or not calendar.is_provisional(due, start):
        return ""
    return format_html('<span class="provisional">{}</span>', calendar.PROVISIONAL_NOTE)
