"""The sign-in audit trail and the links to the identity provider, for the administrator."""

from django.contrib import admin

from accounts.models import ExternalIdentity, SignInEvent
from core.admin import ReadOnlyAdminMixin, TrackerAdmin


@admin.register(SignInEvent)
class SignInEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "kind", "username", "user", "ip_address", "detail"]
    list_filter = ["kind", "at"]
    list_select_related = ["user"]
    search_fields = ["username", "ip_address", "detail"]
    date_hierarchy = "at"
    fields = [*list_display, "user_agent"]
    readonly_fields = fields
    # The trail grows with every sign-in: never count the whole table for the paginator.
    show_full_result_count = False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(TrackerAdmin):
    """Linking an existing user to their identity at the provider is a row added here."""

    list_display = ["user", "issuer", "subject", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "subject"]
    raw_id_fields = ["user"]

    def _administrator(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    has_module_permission = has_view_permission = _administrator
    has_add_permission = has_change_permission = has_delete_permission = _administrator
