"""What every admin page of the tracker shares.

- ``TrackerAdmin``/``TrackerInline``: every queryset, dropdown and export of a model with a
  ``visible_to`` QuerySet method goes through it (one place, as everywhere else).
- ``ReadOnlyAdminMixin``: history and plumbing are shown, never written here.
- ``ServiceStatusForm`` + ``ServiceStatusAdminMixin``: a status moves only through its
  service; the form checks the change with a dry run of that service and refuses a stale save.
- ``TrackerImportExportAdmin``: import (administrators) and export (anyone who may view).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from core import roles
from core.choices import Audience


def visible_queryset(queryset: models.QuerySet, user) -> models.QuerySet:
    """``queryset.visible_to(user)`` where the model decides visibility, else ``queryset``."""
    visible_to = getattr(queryset, "visible_to", None)
    return visible_to(user) if visible_to is not None else queryset


class VisibleToMixin:
    """Rows, foreign-key and many-to-many choices, and hence exports, limited by ``visible_to``.

    Autocomplete widgets ask the related model's admin (its ``get_queryset``), which uses this
    mixin too; the form field's queryset set here also refuses a posted id the user may not see.
    """

    def get_queryset(self, request):
        return visible_queryset(super().get_queryset(request), request.user)

    def _visible_related(self, db_field, request, kwargs):
        if "queryset" not in kwargs:
            related = db_field.remote_field.model._default_manager.all()
            if hasattr(related, "visible_to"):
                kwargs["queryset"] = related.visible_to(request.user)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._visible_related(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._visible_related(db_field, request, kwargs))


class TrackerAdmin(VisibleToMixin, admin.ModelAdmin):
    list_per_page = 50

    def construct_change_message(self, request, form, formsets, add=False):
        """Django's history names the fields changed; add what each was and became, so that an
        admin correction leaves a trace of who, when and what (the old value included)."""
        message = super().construct_change_message(request, form, formsets, add)
        values = {} if add else edited_fields(form)
        if not values:
            return message
        summary = LogEntry(change_message=json.dumps(message)).get_change_message()
        details = "; ".join(f"{label}: {old or '—'} → {new or '—'}" for label, (old, new) in values.items())
        return f"{summary} {details}"


class ReadOnlyAdminMixin:
    """Shown, never written in the admin: the services write these rows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyTabularInline(ReadOnlyAdminMixin, VisibleToMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


def run_dry(write: Callable[[], object]) -> None:
    """Run ``write`` (a service call) and undo everything it wrote, keeping its verdict.

    Forms use this to show a refused change as a form error before anything is saved; the
    savepoint rollback also discards the emails the service queued (``on_commit`` callbacks
    registered inside a rolled-back savepoint never run).
    """
    with transaction.atomic():
        try:
            write()
        finally:
            transaction.set_rollback(True)


class ServiceStatusForm(forms.ModelForm):
    """A change form whose ``status`` moves only through a service, with optimistic locking.

    Subclasses name ``status_choices``, ``audiences`` (the first is the default) and the
    ``status_service``; ``apply_edits`` and ``check_create`` where services also write the
    other fields or create the object. The admin sets ``user`` on the form class of each request.
    """

    status_choices: type[models.TextChoices]
    audiences: list[str]
    user = None

    new_status = forms.ChoiceField(label=_("new status"), required=False)
    status_note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the history with the new status. Some changes need a reason."),
    )
    status_audience = forms.ChoiceField(label=_("who may read the note"), required=False)
    # The version this form was rendered with; a save from an older version is refused.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    STATUS_FIELDS = frozenset({"new_status", "status_note", "status_audience", "expected_version"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_status"].choices = [("", _("— keep the current status —")), *self.status_choices.choices]
        self.fields["status_audience"].choices = [(value, Audience(value).label) for value in self.audiences]
        self.fields["status_audience"].initial = self.audiences[0]
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    # The service that moves the status, and the name of its object argument ("mandate").
    status_service: Callable[..., object]
    service_object: str

    def change_status(self, obj, user) -> None:
        """Move ``obj`` to ``cleaned_data["new_status"]`` through the service."""
        self.status_service(
            **{self.service_object: obj},
            new_status=self.cleaned_data["new_status"],
            by=user,
            note=self.cleaned_data.get("status_note", ""),
            audience=self.cleaned_data.get("status_audience") or self.audiences[0],
            expected_version=obj.version,
        )

    def apply_edits(self, obj, user) -> None:
        """Save the edited fields through a service, where one exists for them."""

    def check_create(self, user) -> None:
        """Create the object through its service, where one does (run dry by ``clean``)."""

    def clean(self):
        cleaned_data = super().clean()
        try:
            if self.instance.pk is None:
                if not self.errors:
                    run_dry(lambda: self.check_create(self.user))
            else:
                self._check_change()
        except PermissionDenied:
            raise ValidationError(_("You may not make this change."), code="permission_denied") from None
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned_data

    def _check_change(self) -> None:
        model = type(self.instance)
        with transaction.atomic():
            # Held until the admin's transaction ends, so nobody writes between check and save.
            current = model.objects.select_for_update().get(pk=self.instance.pk)
        if self.cleaned_data.get("expected_version") != current.version:
            raise ValidationError(
                _(
                    "Someone else changed this %(model)s while you were editing it. "
                    "Nothing was saved: reload the page to see their changes, then make yours again."
                )
                % {"model": model._meta.verbose_name},
                code="stale",
            )
        if self.errors:
            return

        def write():
            self.apply_edits(current, self.user)
            if self.cleaned_data.get("new_status"):
                try:
                    self.change_status(current, self.user)
                except ValidationError as error:
                    self.add_error("new_status", error)

        run_dry(write)


class ServiceStatusAdminMixin:
    """Saves a ``ServiceStatusForm``: the edited fields (bumping the version) unless a service
    saves them, then the status through the service. The status fieldset shows on change."""

    status_fields = ["status", "new_status", "status_note", "status_audience", "expected_version"]
    # False where ``apply_edits`` saves the fields through a service (requests).
    saves_fields_directly = True

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Status"), {"fields": self.status_fields})]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "status"]

    def save_model(self, request, obj, form, change):
        if not change:
            return self.create_object(request, obj, form)
        obj.version = form.cleaned_data["expected_version"]
        if self.saves_fields_directly and set(form.changed_data) - form.STATUS_FIELDS:
            obj.version += 1
            super().save_model(request, obj, form, change)
        form.apply_edits(obj, request.user)
        if form.cleaned_data.get("new_status"):
            form.change_status(obj, request.user)

    def create_object(self, request, obj, form) -> None:
        super().save_model(request, obj, form, False)


class TrackerImportExportAdmin(ImportExportMixin, TrackerAdmin):
    """Import for administrators (the design gives bulk data entry to them); export for anyone
    who may view the list, of the rows they may see (the export reads ``get_queryset``)."""

    @property
    def formats(self):
        # settings.IMPORT_EXPORT_FORMATS names the formats as dotted paths (settings import no app code).
        return [import_string(name) if isinstance(name, str) else name for name in settings.IMPORT_EXPORT_FORMATS]

    def has_import_permission(self, request):
        return roles.is_administrator(request.user)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # The confirm step imports again; a row that has become invalid since the preview
        # rolls the whole file back instead of being skipped silently.
        kwargs.setdefault("rollback_on_validation_errors", True)
        return kwargs


def _as_text(value) -> str:
    if isinstance(value, list | tuple) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(sorted(str(item) for item in items))
    return "" if value is None else str(value)


def edited_fields(form) -> dict[str, tuple[str, str]]:
    """{label: (old, new)} for the model fields a change form edited (not the status controls)."""
    changes = {}
    for name in form.changed_data:
        if name in getattr(form, "STATUS_FIELDS", ()) or name not in form.fields:
            continue
        field, initial = form.fields[name], form.initial.get(name)
        if isinstance(field, forms.ModelChoiceField) and not isinstance(initial, models.Model | list | None):
            # A foreign key's initial value is its id: show the row it named.
            initial = field.queryset.filter(pk=initial).first()
        old, new = _as_text(initial), _as_text(form.cleaned_data.get(name))
        # Some widgets report a change when the value only round-tripped ({} posted as "{}").
        if old != new:
            changes[str(form.fields[name].label)] = (old, new)
    return changes
