"""The admin menu item for staff screens: shown to anyone who works for a unit."""

from wagtail.admin.menu import MenuItem

from opencounty.core.access import is_unit_staff


class StaffMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_unit_staff(request.user)
