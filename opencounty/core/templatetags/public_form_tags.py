"""Template helpers of the public forms: the note under a file field whose file was kept."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def kept_notice(bound_field) -> str:
    notice = getattr(bound_field.form, "kept_notice", None)
    text = notice(bound_field) if notice else ""
    if not text:
        return ""
    return format_html(
        '<div class="kept-file" id="{}_kept" role="status">{}</div>', bound_field.auto_id, text
    )
