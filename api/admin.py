"""API tokens in the admin: the administrator sees who holds which token, when it was last
used, and revokes one (the key itself is never stored, so never shown)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api import tokens
from api.models import ApiToken
from core.admin import ReadOnlyAdminMixin, TrackerAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    fields = list_display
    readonly_fields = list_display
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        done = 0
        for token in queryset.active():
            tokens.revoke_token(token=token, by=request.user)
            done += 1
        message = ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", done) % {"count": done}
        self.message_user(request, message, messages.SUCCESS)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
