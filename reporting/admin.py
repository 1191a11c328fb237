"""The admin of snapshots (read-only: a snapshot is taken from the dashboard, never edited)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdminMixin, TrackerAdmin
from reporting.models import Snapshot


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
