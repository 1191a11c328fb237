"""The admin of member states, focal points, requests and what hangs off them. Requests are
filed, corrected, assigned and moved through ``states.services`` (see ``AssistanceRequestForm``)."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import roles
from core.admin import (
    ReadOnlyAdminMixin,
    ReadOnlyTabularInline,
    ServiceStatusAdminMixin,
    ServiceStatusForm,
    TrackerAdmin,
    TrackerImportExportAdmin,
    VisibleToMixin,
)
from core.choices import Audience
from states import (
    implementation_admin,  # noqa: F401  registers the implementation reports' admin
    outbox,
    services,
)
from states.models import (
    Activity,
    AssistanceRequest,
    Attachment,
    FocalPoint,
    MemberState,
    OutgoingEmail,
    RequestCounter,
    RequestUpdate,
)
from states.resources import ACTIVITY_DETAILS, ActivityResource, AssistanceRequestResource, MemberStateResource

User = get_user_model()


@admin.register(MemberState)
class MemberStateAdmin(TrackerImportExportAdmin):
    resource_classes = [MemberStateResource]
    list_display = ["name_en", "iso3", "iso2", "membership", "membership_ended_on"]
    list_filter = ["membership"]
    search_fields = ["name_en", "name_es", "name_fr", "name_pt", "iso2", "iso3"]


class FocalPointInline(admin.StackedInline):
    """A focal point is a user linked to a state: administrators create the user here."""

    model = FocalPoint
    can_delete = True
    max_num = 1
    autocomplete_fields = ["state"]


# The administrators' user admin, with the focal-point link; Secretariat staff have no user permissions.
admin.site.unregister(User)


@admin.register(User)
class TrackerUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, FocalPointInline]
    list_display = [*UserAdmin.list_display, "focal_state"]
    list_select_related = ["focal_point__state"]

    @admin.display(description=_("focal point of"))
    def focal_state(self, user) -> str:
        focal_point = getattr(user, "focal_point", None)
        return focal_point.state.iso3 if focal_point else ""


@admin.register(FocalPoint)
class FocalPointAdmin(TrackerAdmin):
    list_display = ["user", "state", "position", "created_at"]
    list_filter = ["state"]
    list_select_related = ["user", "state"]
    search_fields = ["user__username", "user__email", "user__last_name", "state__name_en", "state__iso3"]
    autocomplete_fields = ["user", "state"]


class RequestUpdateInline(ReadOnlyTabularInline):
    model = RequestUpdate
    fields = ["created_at", "author", "old_status", "new_status", "note", "audience"]
    readonly_fields = fields
    show_change_link = False


class AttachmentInline(ReadOnlyTabularInline):
    model = Attachment
    fields = ["download", "description", "audience", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    show_change_link = False

    @admin.display(description=_("file"))
    def download(self, attachment: Attachment) -> str:
        return attachment_link(attachment)


def attachment_link(attachment: Attachment) -> str:
    # Through the download view, which checks visibility; the stored file has no URL of its own.
    return format_html('<a href="{}">{}</a>', attachment.get_absolute_url(), attachment.original_name)


ACTIVITY_INLINE_FIELDS = ["mandate", *ACTIVITY_DETAILS]


class ActivityInline(VisibleToMixin, admin.StackedInline):
    model = Activity
    extra = 0
    fields = ACTIVITY_INLINE_FIELDS
    autocomplete_fields = ["mandate"]
    show_change_link = True


class AssistanceRequestForm(ServiceStatusForm):
    status_choices = AssistanceRequest.Status
    # The service's default: what happens to a request is the state's business.
    audiences = [Audience.STATE, Audience.INTERNAL]
    status_service = staticmethod(services.change_request_status)
    service_object = "request"

    class Meta:
        model = AssistanceRequest
        fields = "__all__"

    def submit(self, user) -> AssistanceRequest:
        data = self.cleaned_data
        return services.submit_request(
            state=data["state"],
            by=user,
            title=data["title"],
            description=data["description"],
            request_type=data["request_type"],
            mandates=data.get("mandates") or [],
            channel=data["channel"],
            received_on=data["received_on"],
            priority=data["priority"],
            assigned_to=data.get("assigned_to"),
        )

    def check_create(self, user) -> None:
        self.submit(user)

    def apply_edits(self, request: AssistanceRequest, user) -> None:
        data = self.cleaned_data
        values = {name: data[name] for name in services.EDITABLE_FIELDS if name in data}
        services.update_request(
            request=request, by=user, expected_version=request.version, values=values, mandates=data.get("mandates")
        )
        if "assigned_to" in data:
            services.assign_request(
                request=request, by=user, assignee=data["assigned_to"], expected_version=request.version
            )


@admin.register(AssistanceRequest)
class AssistanceRequestAdmin(ServiceStatusAdminMixin, TrackerImportExportAdmin):
    form = AssistanceRequestForm
    saves_fields_directly = False
    resource_classes = [AssistanceRequestResource]
    inlines = [ActivityInline, RequestUpdateInline, AttachmentInline]
    list_display = ["reference", "title", "state", "request_type", "status", "priority", "received_on", "assigned_to"]
    list_filter = ["status", "request_type", "priority", "channel", "state"]
    list_select_related = ["state", "assigned_to"]
    search_fields = ["reference", "title", "description", "state__name_en", "state__iso3"]
    autocomplete_fields = ["state", "mandates", "program_area", "commitment"]
    date_hierarchy = "received_on"
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["reference", "state", "title", "description", "request_type", "channel", "received_on"]}),
        (_("Work"), {"fields": ["priority", "assigned_to", "mandates", "program_area", "commitment"]}),
        (_("Record"), {"fields": ["submitted_by", "delivered_on", "closed_on", "created_at", "updated_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["reference", "submitted_by", "delivered_on", "closed_on", "created_at", "updated_at"]
        # The state never changes once a request is filed.
        return [*super().get_readonly_fields(request, obj), *fixed, *(["state"] if obj else [])]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = User.objects.filter(
                Q(is_superuser=True) | Q(groups__name=roles.STAFF_GROUP), is_active=True
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def create_object(self, request, obj, form) -> None:
        program_area = obj.program_area
        created = form.submit(request.user)
        if program_area is not None:
            # Part of filing it, not a later correction: no history entry of its own.
            AssistanceRequest.objects.filter(pk=created.pk).update(program_area=program_area)
            created.program_area = program_area
        vars(obj).update({name: value for name, value in vars(created).items() if name != "_state"})
        obj._state.adding, obj._state.db = False, created._state.db

    def save_formset(self, request, form, formset, change):
        if formset.model is not Activity:
            return super().save_formset(request, form, formset, change)
        activities = formset.save(commit=False)
        for activity in formset.deleted_objects:
            activity.delete()
        for activity in activities:
            if activity.pk is None:
                values = {name: getattr(activity, name) for name in ACTIVITY_INLINE_FIELDS}
                services.log_activity(request=form.instance, by=request.user, values=values)
            else:
                activity.save()


@admin.register(RequestUpdate)
class RequestUpdateAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    list_display = ["request", "created_at", "author", "old_status", "new_status", "audience"]
    list_filter = ["new_status", "audience"]
    list_select_related = ["request", "author"]
    search_fields = ["note", "request__reference", "request__title"]
    date_hierarchy = "created_at"
    show_full_result_count = False


@admin.register(Activity)
class ActivityAdmin(TrackerImportExportAdmin):
    resource_classes = [ActivityResource]
    list_display = ["title", "activity_type", "state", "start_date", "end_date", "participants", "request"]
    list_filter = ["activity_type", "online", "state"]
    list_select_related = ["state", "request"]
    search_fields = ["title", "place", "institutions", "funding_source", "request__reference"]
    autocomplete_fields = ["request", "mandate", "state", "commitment"]
    date_hierarchy = "start_date"
    show_full_result_count = False
    readonly_fields = ["created_by", "created_at"]

    @admin.display(description=_("participants (women)"))
    def participants(self, activity: Activity) -> str:
        return f"{activity.participants_total} ({activity.participants_women})"

    def save_model(self, request, obj, form, change):
        # The state follows from the request: Activity.clean (run by the form) filled it in
        # or refused another state.
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    list_display = ["original_name", "request", "audience", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["audience", "content_type"]
    list_select_related = ["request", "uploaded_by"]
    search_fields = ["original_name", "description", "request__reference"]
    date_hierarchy = "uploaded_at"
    fields = ["download", "request", "description", "audience", "content_type", "size", "sha256"]
    readonly_fields = [*fields, "uploaded_by", "uploaded_at"]

    @admin.display(description=_("file"))
    def download(self, attachment: Attachment) -> str:
        return attachment_link(attachment)


class SentFilter(admin.SimpleListFilter):
    title = _("sent")
    parameter_name = "sent"

    def lookups(self, request, model_admin):
        return [("yes", _("Sent")), ("no", _("Waiting"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(sent_at__isnull=self.value() == "no")
        return queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    list_display = ["to", "subject", "created_at", "sent_at", "attempts"]
    list_filter = [SentFilter]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    readonly_fields = ["to", "subject", "body", "created_at", "sent_at", "attempts", "last_error"]
    actions = ["retry_sending"]

    def has_retry_permission(self, request) -> bool:
        return roles.is_secretariat_staff(request.user)

    @admin.action(description=_("Retry sending the selected emails"), permissions=["retry"])
    def retry_sending(self, request, queryset):
        # Delivery is a task like every other send: an SMTP server that hangs never holds
        # this page (the worker sends; in the demo, tasks run inline).
        ids = list(queryset.pending().values_list("pk", flat=True))
        if ids:
            outbox.deliver_emails.enqueue(ids)
        self.message_user(
            request,
            ngettext(
                "%(count)d waiting email queued for sending.", "%(count)d waiting emails queued for sending.", len(ids)
            )
            % {"count": len(ids)},
            messages.SUCCESS,
        )


@admin.register(RequestCounter)
class RequestCounterAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    list_display = ["year", "last_number"]
