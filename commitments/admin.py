"""The admin of resolutions, mandates, owners and work plans. Mandate statuses move only
through ``commitments.services.change_mandate_status`` (see ``MandateForm``)."""

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from commitments import services
from commitments.models import (
    Mandate,
    MandateLink,
    MandateUpdate,
    Owner,
    OwnerAlias,
    ProgramArea,
    Resolution,
    ResolutionImport,
    ResolutionText,
    Section,
    WorkPlan,
)
from commitments.models_imports import PendingImport
from commitments.overlap import MandatePairReview, MandateTerm
from commitments.resources import MandateResource, OwnerResource
from core.admin import (
    ReadOnlyAdminMixin,
    ReadOnlyTabularInline,
    ServiceStatusAdminMixin,
    ServiceStatusForm,
    TrackerAdmin,
    TrackerImportExportAdmin,
    edited_fields,
)


def excerpt(text: str, words: int = 14) -> str:
    return Truncator(text).words(words)


class OwnerAliasInline(admin.TabularInline):
    model = OwnerAlias
    extra = 1


@admin.register(Owner)
class OwnerAdmin(TrackerImportExportAdmin):
    resource_classes = [OwnerResource]
    inlines = [OwnerAliasInline]
    list_display = ["name_en", "abbreviation", "name_es", "name_fr", "name_pt", "is_member_states"]
    list_filter = ["is_member_states"]
    search_fields = ["name_en", "name_es", "name_fr", "name_pt", "abbreviation", "aliases__text"]


@admin.register(OwnerAlias)
class OwnerAliasAdmin(TrackerAdmin):
    list_display = ["text", "language", "owner"]
    list_filter = ["language", "owner"]
    list_select_related = ["owner"]
    search_fields = ["text", "owner__name_en"]
    autocomplete_fields = ["owner"]


class ProgramAreaInline(admin.TabularInline):
    model = ProgramArea
    extra = 1


@admin.register(WorkPlan)
class WorkPlanAdmin(TrackerAdmin):
    inlines = [ProgramAreaInline]
    list_display = ["title", "symbol", "start_year", "end_year"]
    search_fields = ["title", "symbol"]


@admin.register(ProgramArea)
class ProgramAreaAdmin(TrackerAdmin):
    list_display = ["name_en", "code", "work_plan"]
    list_filter = ["work_plan"]
    list_select_related = ["work_plan"]
    search_fields = ["name_en", "name_es", "name_fr", "name_pt", "code"]
    autocomplete_fields = ["work_plan"]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "title"]
    show_change_link = True


class ResolutionMandateInline(ReadOnlyTabularInline):
    """The resolution's paragraphs in document order; each is edited on its own page."""

    model = Mandate
    fields = ["paragraph", "summary", "kind", "status"]
    readonly_fields = fields
    verbose_name_plural = _("mandates")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("resolution", "section", "parent").in_document_order()

    @admin.display(description=_("paragraph"))
    def paragraph(self, mandate: Mandate) -> str:
        return mandate.display_number

    @admin.display(description=_("text"))
    def summary(self, mandate: Mandate) -> str:
        return excerpt(mandate.text)


@admin.register(Resolution)
class ResolutionAdmin(TrackerAdmin):
    inlines = [SectionInline, ResolutionMandateInline]
    list_display = ["symbol", "body", "session", "adopted_on", "original_language", "work_plan"]
    list_filter = ["body", "original_language", "work_plan"]
    list_select_related = ["work_plan"]
    search_fields = ["symbol", "series", "title"]
    autocomplete_fields = ["work_plan"]
    date_hierarchy = "adopted_on"


@admin.register(ResolutionText)
class ResolutionTextAdmin(TrackerAdmin):
    list_display = ["resolution", "language", "source_name", "imported_at", "imported_by"]
    list_filter = ["language"]
    list_select_related = ["resolution", "imported_by"]
    search_fields = ["resolution__symbol", "title", "source_name"]
    autocomplete_fields = ["resolution"]
    readonly_fields = ["imported_at", "imported_by"]


@admin.register(ResolutionImport)
class ResolutionImportAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    """What each run of the resolution importer changed; written by the importer only."""

    list_display = ["resolution", "language", "mode", "source_name", "imported_by", "imported_at"]
    list_filter = ["mode", "language"]
    list_select_related = ["resolution", "imported_by"]
    search_fields = ["resolution__symbol", "source_name"]
    date_hierarchy = "imported_at"


@admin.register(Section)
class SectionAdmin(TrackerAdmin):
    list_display = ["__str__", "resolution", "position"]
    list_select_related = ["resolution"]
    search_fields = ["title", "resolution__symbol"]
    autocomplete_fields = ["resolution"]
    ordering = ["resolution__symbol", "position"]


class MandateUpdateInline(ReadOnlyTabularInline):
    model = MandateUpdate
    fields = ["created_at", "author", "old_status", "new_status", "note", "audience", "evidence_url"]
    readonly_fields = fields
    show_change_link = False


class MandateForm(ServiceStatusForm):
    status_choices = Mandate.Status
    audiences = MandateUpdate.AUDIENCES
    status_service = staticmethod(services.change_mandate_status)
    service_object = "mandate"

    class Meta:
        model = Mandate
        fields = "__all__"


@admin.register(Mandate)
class MandateAdmin(ServiceStatusAdminMixin, TrackerImportExportAdmin):
    form = MandateForm
    resource_classes = [MandateResource]
    inlines = [MandateUpdateInline]
    list_display = ["__str__", "summary", "kind", "status", "deadline"]
    list_filter = ["status", "kind", "on_request", "subject_to_resources", "voluntary", "owners", "resolution"]
    list_select_related = ["resolution", "section", "parent"]
    search_fields = ["text", "number", "owner_phrase", "resolution__symbol"]
    autocomplete_fields = ["resolution", "section", "parent", "owners", "program_areas"]
    show_full_result_count = False
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["resolution", "section", "parent", "number", "position", "text", "language", "kind"]}),
        (_("Who and how"), {"fields": ["owners", "owner_phrase", "on_request", "subject_to_resources", "voluntary"]}),
        (_("When and what about"), {"fields": ["deadline", "deadline_text", "program_areas", "translations"]}),
    ]

    @admin.display(description=_("text"))
    def summary(self, mandate: Mandate) -> str:
        return excerpt(mandate.text)

    def save_model(self, request, obj, form, change):
        # The importer normally sets this; a paragraph added by hand sorts after its parent.
        prefix = f"{obj.parent.tree_position}." if obj.parent_id else ""
        obj.tree_position = f"{prefix}{obj.position:04d}"
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            services.record_mandate_edit(mandate=form.instance, by=request.user, changes=edited_fields(form))


@admin.register(MandateUpdate)
class MandateUpdateAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    list_display = ["mandate", "created_at", "author", "old_status", "new_status", "audience"]
    list_filter = ["new_status", "audience"]
    list_select_related = ["mandate__resolution", "mandate__section", "mandate__parent", "author"]
    search_fields = ["note", "mandate__text", "mandate__resolution__symbol"]
    date_hierarchy = "created_at"
    show_full_result_count = False


@admin.register(MandateLink)
class MandateLinkAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    """Lineage between mandates; staff confirm links through commitments.services only."""

    list_display = ["from_mandate", "kind", "to_mandate", "confirmed_by", "confirmed_at", "removed_by", "removed_at"]
    list_filter = ["kind", ("removed_at", admin.EmptyFieldListFilter)]
    list_select_related = [
        "from_mandate__resolution", "from_mandate__section", "from_mandate__parent",
        "to_mandate__resolution", "to_mandate__section", "to_mandate__parent", "confirmed_by", "removed_by",
    ]  # fmt: skip
    search_fields = ["from_mandate__resolution__symbol", "to_mandate__resolution__symbol"]
    date_hierarchy = "confirmed_at"


@admin.register(MandatePairReview)
class MandatePairReviewAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    """Staff's verdicts on similar mandates; written by commitments.services.review_mandate_pair only."""

    list_display = ["first", "verdict", "second", "reviewed_by", "reviewed_at"]
    list_filter = ["verdict"]
    list_select_related = [
        "first__resolution", "first__section", "first__parent",
        "second__resolution", "second__section", "second__parent", "reviewed_by",
    ]  # fmt: skip
    search_fields = ["first__resolution__symbol", "second__resolution__symbol"]
    date_hierarchy = "reviewed_at"


@admin.register(MandateTerm)
class MandateTermAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    """How many mandates hold each word (the overlap hints' rarity); counted by
    ``manage.py refresh_mandate_terms`` only."""

    list_display = ["term", "documents"]
    search_fields = ["term"]
    ordering = ["-documents", "term"]


@admin.register(PendingImport)
class PendingImportAdmin(ReadOnlyAdminMixin, TrackerAdmin):
    """Previews waiting for their confirm: who is importing what, since when. The parse itself
    (up to megabytes of JSON) is not shown; an expired row is swept at the next upload."""

    list_display = ["source_name", "user", "revision", "created_at", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["source_name", "user__username"]
    fields = ["source_name", "user", "revision", "created_at", "updated_at"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


from commitments import workplan_admin  # noqa: E402,F401 - the Work Plan's admin, in its own module
