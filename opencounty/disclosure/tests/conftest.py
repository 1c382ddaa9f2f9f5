"""Fixtures shared by the disclosure tests."""

from opencounty.disclosure.tests.test_annual_report import known_requests  # noqa: F401
