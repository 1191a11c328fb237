from django.urls import path

import core.converters  # noqa: F401  registers <id:>
from reporting import views
from reporting.views import reports, workplan
from reporting.views.dashboard import dashboard_refresh
from reporting.views.search import search

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/refresh/", dashboard_refresh, name="dashboard_refresh"),
    path("search/", search, name="search"),
    path("reports/", views.report_index, name="report_index"),
    path("reports/view/", views.report_view, name="report_view"),
    path("reports/download.<str:fmt>", views.report_download, name="report_download"),
    path("reports/files/", reports.report_file_list, name="report_files"),
    path("reports/files/<id:pk>/", reports.report_file_download, name="report_file_download"),
    path("snapshots/", views.snapshot_list, name="snapshot_list"),
    path("snapshots/new/", views.snapshot_create, name="snapshot_create"),
    path("snapshots/compare/", views.snapshot_compare, name="snapshot_compare"),
    path("snapshots/<id:pk>/", views.snapshot_detail, name="snapshot_detail"),
    path("work-plan/", workplan.workplan_current, name="workplan"),
    path("work-plan/<id:pk>/", workplan.workplan_detail, name="workplan_detail"),
    path("work-plan/indicators/<id:pk>/report/", workplan.progress_report_file, name="progress_report_file"),
]
