"""Wagtail hooks of the interaction app: each feature registers its own."""

from opencounty.interaction.error_reports import wagtail_hooks as error_reports  # noqa: F401
