from django.urls import path

import core.converters  # noqa: F401  registers <id:>
from reporting import views

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.report_index, name="report_index"),
    path("reports/view/", views.report_view, name="report_view"),
    path("reports/download.<str:fmt>", views.report_download, name="report_download"),
    path("snapshots/", views.snapshot_list, name="snapshot_list"),
    path("snapshots/new/", views.snapshot_create, name="snapshot_create"),
    path("snapshots/compare/", views.snapshot_compare, name="snapshot_compare"),
    path("snapshots/<id:pk>/", views.snapshot_detail, name="snapshot_detail"),
]
