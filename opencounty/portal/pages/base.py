"""What every public page of the website group shares: meta data for the national checks."""

from __future__ import annotations

from wagtail.models import Page


class PortalPage(Page):
    """Abstract base of every portal page type."""

    class Meta:
        abstract = True

    def column_name(self) -> str:
        """ColumnName meta tag: the nearest column (or the page itself when it is one)."""
        from opencounty.portal.pages.column import ColumnPage

        if isinstance(self, ColumnPage):
            return self.title
        column = ColumnPage.objects.ancestor_of(self).order_by("-depth").first()
        return column.title if column else self.title

    def content_source(self) -> str:
        from opencounty.portal.units import unit_for_page

        unit = unit_for_page(self)
        return unit.name if unit else ""

    def text_for_check(self) -> str:
        """All text an editor wrote on this page, for the sensitive-word check."""
        return self.title
