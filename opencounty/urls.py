from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from opencounty.datacatalogue import api as ckan_api
from opencounty.interaction.error_reports import views as error_report_views
from opencounty.portal import views as portal_views
from opencounty.search import views as search_views

urlpatterns = [
    path("admin/security/", include("opencounty.accounts.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("disclosure/", include("opencounty.disclosure.urls")),
    path("cases/", include("opencounty.cases.urls")),
    path("interaction/", include("opencounty.interaction.urls")),
    path("services/", include("opencounty.services.urls")),
    path("powers/", include("opencounty.powers.urls")),
    path("data/", include("opencounty.datacatalogue.urls")),
    path("api/3/", include("opencounty.datacatalogue.api_urls")),
    # CKAN answers its Action API unversioned too (ckanapi's RemoteCKAN calls /api/action/).
    path("api/action/<str:name>", ckan_api.action, name="ckan_action"),
    path("emergency/", include("opencounty.emergency.urls")),
    path("meetings/", include("opencounty.meetings.urls")),
    path("display-mode/", portal_views.toggle_display_mode, name="display_mode"),
    path("feeds/column/<int:column_id>/", portal_views.ColumnFeed(), name="column_feed"),
    path("error-report/", error_report_views.report, name="error_report"),
    path("sitemap/", portal_views.site_map_page, name="site_map"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", portal_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.http import Http404
    from django.urls import re_path
    from django.views.static import serve

    def media(request, path):
        # Documents are served only through /documents/ (which checks they are published).
        if path.startswith("documents/"):
            raise Http404
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media)]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "opencounty.portal.views.page_not_found"
handler500 = "opencounty.portal.views.server_error"
