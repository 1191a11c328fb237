from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cicte import views

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.report_index, name="report_index"),
    path("reports/view/", views.report_view, name="report_view"),
    path("reports/download.<str:fmt>", views.report_download, name="report_download"),
    path("snapshots/", views.snapshot_list, name="snapshot_list"),
    path("snapshots/new/", views.snapshot_create, name="snapshot_create"),
    path("snapshots/compare/", views.snapshot_compare, name="snapshot_compare"),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot_detail"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("commitments.urls")),
    path("", include("states.urls")),
]
