from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from opencounty.portal.pages.base import PortalPage

COLUMN_PAGE_SIZE = 20
# The one order of a column's articles: its list, its feed and 上一篇/下一篇 follow it.
ARTICLE_ORDER = ("-first_published_at", "-id")


def column_lists(columns, count: int) -> list[tuple["ColumnPage", list]]:
    """Each column with its newest live articles, for the boxes on home, sub-site and topic pages."""
    from opencounty.portal.pages.article import ArticlePage

    return [
        (
            column,
            list(
                ArticlePage.objects.child_of(column).live().order_by("-first_published_at")[:count]
            ),
        )
        for column in columns
    ]


class ColumnPage(PortalPage):
    """A column (栏目): a paginated list of articles, newest first, with an RSS feed."""

    metadata_type = "column"

    class Kind(models.TextChoices):
        NEWS = "news", _("动态")
        NOTICE = "notice", _("通知公告")
        POLICY = "policy", _("政策文件")
        INTERPRETATION = "interpretation", _("政策解读")
        OVERVIEW = "overview", _("概况")
        ORGANISATION = "organisation", _("机构职能")
        LEADERS = "leaders", _("领导信息")
        DISCLOSURE = "disclosure", _("政府信息公开")
        SERVICES = "services", _("办事服务")
        INTERACTION = "interaction", _("互动交流")
        OTHER = "other", _("其他")

    kind = models.CharField(_("栏目类型"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    intro = models.CharField(_("栏目说明"), max_length=200, blank=True)
    is_headline = models.BooleanField(
        _("首页头条栏目"),
        default=False,
        help_text=_("头条栏目的稿件还需县电子政务办审核。"),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("is_headline"),
    ]
    parent_page_types = [
        "portal.PortalHomePage",
        "portal.UnitSitePage",
        "portal.ColumnPage",
        "portal.TopicPage",
    ]
    subpage_types = [
        "portal.ArticlePage",
        "portal.ColumnPage",
        "portal.OrganisationPage",
        "portal.LeaderPage",
        "portal.TopicPage",
        "interaction.SurveyPage",
        "interaction.ConsultationPage",
    ]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    def column_type(self) -> str:
        return str(self.get_kind_display())

    def get_context(self, request, *args, **kwargs):
        from opencounty.portal.pages.article import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.child_of(self).live().public().order_by(*ARTICLE_ORDER)
        paginator = Paginator(articles, COLUMN_PAGE_SIZE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        context["page_obj"] = page_obj
        context.update(self.listed_children())
        return context

    def listed_children(self) -> dict[str, list]:
        """What the column lists besides its articles: sub-columns and topics as links; leaders
        in their order; pages with a listing line of their own (a consultation's period and
        status) newest first; other pages (an organisation's functions) in tree order."""
        from opencounty.portal.pages.article import ArticlePage
        from opencounty.portal.pages.profiles import LeaderPage
        from opencounty.portal.pages.topic import TopicPage

        children = list(self.get_children().live().public().not_type(ArticlePage).specific())
        subcolumns = [c for c in children if isinstance(c, ColumnPage | TopicPage)]
        leaders = sorted(
            (c for c in children if isinstance(c, LeaderPage)), key=lambda c: (c.order, c.path)
        )
        others = [c for c in children if c not in subcolumns and c not in leaders]
        with_meta = [c for c in others if hasattr(c, "listing_meta")]
        with_meta.sort(key=lambda c: c.first_published_at, reverse=True)
        return {
            "subcolumns": subcolumns,
            "leaders": leaders,
            "listed_pages": [c for c in others if c not in with_meta] + with_meta,
        }
