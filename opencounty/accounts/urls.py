from django.urls import path

from opencounty.accounts import views

urlpatterns = [
    path("verify/", views.verify, name="accounts_verify"),
    path("enrol/", views.enrol, name="accounts_enrol"),
    path("password/", views.password_expired, name="accounts_password_expired"),
]
