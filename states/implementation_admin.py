"""The admin's read-only history of national implementation reports (written only by
``states.implementation_services``); rows come through ``visible_to`` like everywhere else."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdminMixin, TrackerAdmin
from states.implementation import NationalImplementationReport


@admin.register(NationalImplementationReport)
class NationalImplementationReportAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    list_display = ["state", "mandate", "status", "reported_on", "on_behalf", "public", "author", "created_at"]
    list_filter = ["status", "on_behalf", "public", "state"]
    list_select_related = ["state", "mandate__resolution", "mandate__section", "mandate__parent", "author"]
    search_fields = ["narrative", "state__name_en", "state__iso3", "mandate__resolution__symbol"]
    date_hierarchy = "reported_on"
    show_full_result_count = False
    fields = [
        "state",
        "mandate",
        "status",
        "reported_on",
        "narrative",
        "evidence_url",
        "download",
        "on_behalf",
        "public",
        "author",
        "created_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("document"))
    def download(self, report: NationalImplementationReport) -> str:
        # Through the download view, which checks visibility; the stored file has no URL of its own.
        if not report.document:
            return "—"
        return format_html('<a href="{}">{}</a>', report.get_document_url(), report.document_name)
