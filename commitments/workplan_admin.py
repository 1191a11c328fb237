"""The admin of the Work Plan's commitments, indicators and progress reports (imported by
``commitments.admin``). Commitments and indicators are imported and exported as spreadsheets
(``commitments.workplan_resources``); progress reports are filed from the work-plan page and
only shown here."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q

from commitments.workplan import Commitment, Indicator, ProgressReport, ReportingPeriod, schedule, schedule_commitment
from commitments.workplan_resources import CommitmentResource, IndicatorResource
from core import roles
from core.admin import ReadOnlyAdminMixin, TrackerAdmin, TrackerImportExportAdmin


def _staff_members():
    return (
        get_user_model()
        .objects.filter(Q(groups__name=roles.STAFF_GROUP) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("username")
    )


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["code", "name", "unit", "measurement", "frequency", "baseline", "target", "by_gender"]
    show_change_link = True


@admin.register(Commitment)
class CommitmentAdmin(TrackerImportExportAdmin):
    resource_classes = [CommitmentResource]
    inlines = [IndicatorInline]
    list_display = ["code", "title", "program_area", "status", "responsible", "starts_on", "ends_on"]
    list_filter = ["work_plan", "program_area", "status"]
    list_select_related = ["program_area", "responsible"]
    search_fields = ["code", "title", "description"]
    autocomplete_fields = ["work_plan", "program_area", "mandates"]
    readonly_fields = ["created_at", "updated_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "responsible":
            kwargs["queryset"] = _staff_members()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # New dates or new indicators: each indicator gets the reporting periods they call for.
        schedule_commitment(commitment=form.instance)


class ReportingPeriodInline(admin.TabularInline):
    """The schedule is made from the dates and the frequency; only each period's target is typed."""

    model = ReportingPeriod
    extra = 0
    fields = ["code", "starts_on", "ends_on", "due_on", "target"]
    readonly_fields = ["code", "starts_on", "ends_on", "due_on"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Indicator)
class IndicatorAdmin(TrackerImportExportAdmin):
    resource_classes = [IndicatorResource]
    inlines = [ReportingPeriodInline]
    list_display = ["code", "name", "commitment", "unit", "measurement", "frequency", "baseline", "target"]
    list_filter = ["commitment__work_plan", "commitment__program_area", "measurement", "unit", "frequency"]
    list_select_related = ["commitment"]
    search_fields = ["code", "name", "commitment__code", "commitment__title"]
    autocomplete_fields = ["commitment"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule(indicator=form.instance)


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    """Filed from the work-plan page through ``states.indicators.file_progress_report``."""

    list_display = ["period", "value", "rating", "measurement", "author", "created_at", "corrects"]
    list_filter = ["rating", "measurement", "period__indicator__commitment__program_area"]
    list_select_related = ["period__indicator", "author", "corrects__period__indicator"]
    search_fields = ["narrative", "period__indicator__code", "period__indicator__name"]
    date_hierarchy = "created_at"
    show_full_result_count = False


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(TrackerAdmin):
    """Made by ``schedule`` from the commitment's dates and the indicator's frequency: only the
    target is typed here; nobody adds or removes a period by hand."""

    list_display = ["indicator", "code", "starts_on", "ends_on", "due_on", "target"]
    list_filter = ["indicator__commitment__work_plan", "indicator__frequency"]
    list_select_related = ["indicator"]
    search_fields = ["code", "indicator__code", "indicator__name"]
    fields = ["indicator", "code", "starts_on", "ends_on", "due_on", "target"]
    readonly_fields = ["indicator", "code", "starts_on", "ends_on", "due_on"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
