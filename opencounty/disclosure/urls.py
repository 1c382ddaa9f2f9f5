from django.urls import path

from opencounty.disclosure import lookup_views, views

app_name = "disclosure"
urlpatterns = [
    path("reply-letter/", lookup_views.reply_letter, name="reply_letter"),
    path("apply/<str:unit_code>/", views.apply, name="apply"),
    path("<str:unit_code>/annual-reports/", views.annual_reports, name="annual_reports"),
    path("<str:unit_code>/annual-reports/<int:year>/", views.annual_report, name="annual_report"),
    path(
        "<str:unit_code>/annual-reports/<int:year>/report.docx",
        views.annual_report_docx,
        name="annual_report_docx",
    ),
]
