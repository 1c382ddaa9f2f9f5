"""Wagtail hooks of the interaction app; each feature keeps its own in its package."""

from opencounty.interaction.consultations import wagtail_hooks as _consultations  # noqa: F401
