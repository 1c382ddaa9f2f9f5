from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from opencounty.core.menu import StaffMenuItem
from opencounty.submissions import admin_views as views

urlpatterns = (
    [
        path("", views.submission_list, name="list"),
        path("new/", views.submission_new, name="new"),
        path("<int:pk>/", views.submission_detail, name="detail"),
        path("<int:pk>/edit/", views.submission_edit, name="edit"),
        path("<int:pk>/attachment/", views.submission_attachment, name="attachment"),
        path("bulletins/", views.issue_list, name="issues"),
        path("bulletins/<int:pk>/", views.issue_detail, name="issue"),
        path("bulletins/<int:pk>/issue.docx", views.issue_docx, name="issue_docx"),
        path("scores/", views.scores, name="scores"),
        path("scores/scores.xlsx", views.scores_xlsx, name="scores_xlsx"),
        path("scores/notice.docx", views.notice_docx, name="notice_docx"),
        path("scores/notice-article/", views.notice_article, name="notice_article"),
        path("upward/batch.docx", views.upward_docx, name="upward_docx"),
        path("upward/batch.xlsx", views.upward_xlsx, name="upward_xlsx"),
        path("chronicle/", views.chronicle, name="chronicle"),
        path("rules/", views.rules, name="rules"),
    ],
    "submissions_admin",
)


@hooks.register("register_admin_urls")
def register_submissions_admin_urls():
    return [path("submissions/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_submissions_menu_item():
    return StaffMenuItem(
        _("政务信息报送"), reverse("submissions_admin:list"), icon_name="form", order=260
    )
