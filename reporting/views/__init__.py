"""Pages that join both apps: the home page and dashboard, the implementation report, snapshots."""

from reporting.views.dashboard import home
from reporting.views.reports import report_download, report_index, report_view
from reporting.views.snapshots import snapshot_compare, snapshot_create, snapshot_detail, snapshot_list

__all__ = [
    "home",
    "report_download",
    "report_index",
    "report_view",
    "snapshot_compare",
    "snapshot_create",
    "snapshot_detail",
    "snapshot_list",
]
