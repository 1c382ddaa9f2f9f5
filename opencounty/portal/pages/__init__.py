from opencounty.portal.pages.article import ArticleAttachment, ArticlePage
from opencounty.portal.pages.column import ColumnPage
from opencounty.portal.pages.home import PortalHomePage
from opencounty.portal.pages.profiles import LeaderPage, OrganisationPage
from opencounty.portal.pages.subsite import SubsiteIndexPage, UnitSitePage
from opencounty.portal.pages.topic import TopicPage

__all__ = [
    "ArticleAttachment",
    "ArticlePage",
    "ColumnPage",
    "LeaderPage",
    "OrganisationPage",
    "PortalHomePage",
    "SubsiteIndexPage",
    "TopicPage",
    "UnitSitePage",
]
