"""The admin of snapshots, report files and the dashboard's counted figures (read-only: a snapshot
is taken from the dashboard, a report file built by the worker, the figures counted by a task)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdminMixin, TrackerAdmin
from reporting.models import DashboardFigures, ReportFile, Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    list_display = ["name", "taken_on", "created_by", "created_at", "mandate_count", "request_count"]
    list_select_related = ["created_by"]
    search_fields = ["name"]
    date_hierarchy = "taken_on"
    fields = ["name", "taken_on", "created_by", "created_at", "mandate_count", "request_count"]
    readonly_fields = fields

    @admin.display(description=_("mandates"))
    def mandate_count(self, snapshot: Snapshot) -> int:
        return len(snapshot.mandate_statuses)

    @admin.display(description=_("requests"))
    def request_count(self, snapshot: Snapshot) -> int:
        return len(snapshot.request_statuses)


@admin.register(ReportFile)
class ReportFileAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    """Who asked for which report and how its build went (administrators and Secretariat view;
    the file itself is downloaded from the report page, where ``may_download`` decides)."""

    list_display = ["title", "fmt", "audience", "language", "status", "requested_by", "created_at", "finished_at"]
    list_filter = ["status", "fmt", "audience"]
    list_select_related = ["requested_by"]
    search_fields = ["title", "requested_by__username"]
    date_hierarchy = "created_at"
    fields = [*list_display, "size", "error"]
    readonly_fields = fields


@admin.register(DashboardFigures)
class DashboardFiguresAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    """Machinery: when the dashboard's figures were last counted and asked for (the counts
    themselves are shown on the dashboard), for whoever wonders why a figure is not fresh."""

    list_display = ["key", "computed_at", "requested_at"]
    fields = list_display
    readonly_fields = list_display
