"""What every public page of the website group shares: meta data for the national checks."""

from __future__ import annotations

from django.utils.html import strip_tags
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.models import Page

from opencounty.portal.slugs import ReadableSlugFormMixin, readable_slug, unique_slug

DESCRIPTION_LENGTH = 120


class PortalPageForm(ReadableSlugFormMixin, WagtailAdminPageForm):
    """The admin form of every portal page: new pages get readable pinyin slugs."""


class PortalPage(Page):
    """Abstract base of every portal page type.

    `metadata_type` says which set of web-page metadata (网页元数据) the page carries:
    "article" for a page with content of its own inside a column (an article, a leader,
    a service guide, a survey), "column" for a column or listing (a column, a sub-site's
    home, the disclosure platform, a service hall), "home" for the portal's home page.
    """

    metadata_type = "article"
    column_type_label: str | None = None

    base_form_class = PortalPageForm

    def _fill_readable_slug(self) -> None:
        # A page made in code without a slug gets the readable one, not Wagtail's slugify of a
        # Chinese title (empty once WAGTAIL_ALLOW_UNICODE_SLUGS is off). Wagtail reads the
        # parent the same way before the page is in the tree.
        parent = getattr(self, "_cached_parent_obj", None) or (
            self.get_parent() if self.path else None
        )
        if not self.slug and self.title and parent is not None:
            self.slug = unique_slug(readable_slug(self.title), parent, exclude_pk=self.pk)

    def full_clean(self, *args, **kwargs):
        self._fill_readable_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # What Wagtail runs on save() (add_child included), instead of full_clean.
        self._fill_readable_slug()
        super().minimal_clean()

    class Meta:
        abstract = True

    def metadata_column(self) -> PortalPage:
        """The column this page belongs to: itself when it is one, else the nearest column-type
        ancestor below a site's home; a page outside any column is its own column."""
        if self.metadata_type != "article":
            return self
        if "_metadata_column" not in self.__dict__:
            self._metadata_column = self._find_metadata_column()
        return self._metadata_column

    def _find_metadata_column(self) -> PortalPage:
        # The classes come from the content types (cached), so only the column is fetched whole.
        for ancestor in reversed(self.get_ancestors()):
            model = ancestor.specific_class
            kind = getattr(model, "metadata_type", None)
            if kind == "column" and not getattr(model, "is_site_home", False):
                return ancestor.specific
            if kind in ("column", "home"):
                break
        return self

    def column_name(self) -> str:
        """ColumnName meta tag: the nearest column (or the page itself when it is one)."""
        return self.metadata_column().title

    def column_type(self) -> str:
        """ColumnType meta tag: what kind of column this is (政策文件, 通知公告, 办事服务 …)."""
        return str(self.column_type_label or self._meta.verbose_name)

    def column_description(self) -> str:
        intro = getattr(self, "intro", "") or ""
        text = self.search_description or strip_tags(str(intro))
        return " ".join(text.split())[:DESCRIPTION_LENGTH]

    def content_source(self) -> str:
        from opencounty.portal.units import unit_for_page

        if "_owner_name" not in self.__dict__:
            unit = unit_for_page(self)
            self._owner_name = unit.name if unit else ""
        return self._owner_name

    def meta_keywords(self) -> list[str]:
        """Keywords meta tag of an article-type page; its column and unit unless it has its own."""
        return [self.column_name(), self.content_source()]

    def meta_description(self) -> str:
        """Description meta tag of an article-type page."""
        return " ".join((self.search_description or self.title).split())[:DESCRIPTION_LENGTH]

    def get_sitemap_urls(self, request=None) -> list[dict]:
        """sitemap.xml entries on the host the request came to (the Site's configured host name
        is often a placeholder such as localhost); pages of another Site keep that Site's host."""
        if request is None:
            return super().get_sitemap_urls(request)
        url = self.get_url(request)
        if url is None:
            return []
        lastmod = self.last_published_at or self.latest_revision_created_at
        return [{"location": request.build_absolute_uri(url), "lastmod": lastmod}]

    def text_for_check(self) -> str:
        """All text an editor wrote on this page, for the sensitive-word check."""
        return self.title
