"""Deadline marks for parts of a case (a joint step) on the staff screens, with the calendar
the view loaded once."""

from datetime import timedelta

from django import template

from opencounty.cases import clock

register = template.Library()


@register.simple_tag(takes_context=True)
def deadline_level(context, due_on, warning_days: int, done=False) -> str:
    """'red', 'yellow' or '' for a deadline, by the one colour rule ('' once it is done)."""
    if done:
        return ""
    return (
        clock.deadline_level(due_on, context["today"], warning_days, context["work_calendar"]) or ""
    )


@register.simple_tag(takes_context=True)
def is_provisional(context, start, due_on) -> bool:
    """Whether a period from `start` to `due_on` counts days of a year not entered yet."""
    if start is None or due_on is None:
        return False
    return context["work_calendar"].touches_provisional(start + timedelta(days=1), due_on)
