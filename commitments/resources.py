"""Import and export of owners and mandates (django-import-export), keyed on natural keys.

``TrackerResource`` holds the rules every resource of the tracker shares (``states.resources``
builds on it): a re-imported export changes nothing and says so, an unknown key or value is a
row error naming it, any error rolls the whole file back, and a ``status`` column moves a
status only through its service.
"""

from __future__ import annotations

import re

from django.core.exceptions import MultipleObjectsReturned, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from commitments import services
from commitments.models import Mandate, Owner, OwnerAlias, Resolution, Section
from commitments.workflow import mandate_transition_allowed
from core.choices import Language
from core.import_export_formats import unescape_formula

SEPARATOR = "|"


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key written as a natural value (an ISO3 code, a symbol); an unknown or
    ambiguous value is a row error that names it."""

    def __init__(self, model, field: str, **kwargs):
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("No %(model)s with %(field)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "field": self.field, "value": value}
            ) from None
        except MultipleObjectsReturned:
            raise ValueError(
                _("More than one %(model)s with %(field)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "field": self.field, "value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        rendered = super().render(value, obj, **kwargs)
        return "" if rendered is None else rendered


class ManyLookupWidget(widgets.ManyToManyWidget):
    """Many-to-many written as ``a|b|c``; every value must name an existing row."""

    def __init__(self, model, field: str, **kwargs):
        super().__init__(model, separator=SEPARATOR, field=field, **kwargs)

    def lookup(self, value: str):
        return self.model.objects.get(**{self.field: value})

    def clean(self, value, row=None, **kwargs):
        found, unknown = [], []
        for part in filter(None, (part.strip() for part in str(value or "").split(self.separator))):
            try:
                found.append(self.lookup(part))
            except (self.model.DoesNotExist, MultipleObjectsReturned):
                unknown.append(part)
        if unknown:
            raise ValueError(
                _("Unknown %(model)s: %(values)s.")
                % {"model": self.model._meta.verbose_name, "values": ", ".join(f"“{part}”" for part in unknown)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(self.key(related) for related in value.all())

    def key(self, related) -> str:
        return str(getattr(related, self.field))


# "CICTE/doc.6/23 rev. 2 · §1 ¶4.a": what ``str(mandate)`` shows, read back.
MANDATE_KEY = re.compile(r"^(?P<symbol>.+?) · §(?P<section>\d+) ¶(?P<path>.+)$")


def mandate_key(mandate: Mandate) -> str:
    return str(mandate)


def mandate_by_key(key: str) -> Mandate:
    """The mandate named by ``key`` (``mandate_key``); DoesNotExist or ValueError otherwise."""
    match = MANDATE_KEY.match(key.strip())
    if match is None:
        raise Mandate.DoesNotExist(key)
    base = Mandate.objects.filter(resolution__symbol=match["symbol"], section__position=int(match["section"]))
    path = match["path"].replace("–", "")
    candidates = [base.filter(parent__isnull=True, number=path)]
    if "." in path:
        parent_number, number = path.rsplit(".", 1)
        candidates.append(base.filter(parent__number=parent_number, number=number))
    for queryset in candidates:
        found = list(queryset[:2])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise MultipleObjectsReturned(key)
    raise Mandate.DoesNotExist(key)


class MandateKeyWidget(LookupWidget):
    """One mandate written as its natural key (``mandate_key``)."""

    def __init__(self, **kwargs):
        super().__init__(Mandate, field="pk", **kwargs)

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        return mandate_by_key(str(value))

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else mandate_key(value)


class MandateKeysWidget(ManyLookupWidget):
    """Several mandates, ``key|key``."""

    def __init__(self, **kwargs):
        super().__init__(Mandate, field="pk", **kwargs)

    def lookup(self, value: str):
        return mandate_by_key(value)

    def key(self, related) -> str:
        return mandate_key(related)


class TrackerResource(resources.ModelResource):
    """What every import of the tracker shares.

    Subclasses may add ``check_row`` (more row errors) and, for a model with a workflow,
    ``status_service``/``transition_allowed`` so that a changed ``status`` cell goes through
    the service (or is refused as a row error).
    """

    transition_allowed = None

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        # A blank spreadsheet cell is "" for a text field, as for a char field (not NULL).
        return widgets.CharWidget if isinstance(f, models.TextField) else super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.TextField) and django_field.blank:
            kwargs.update({"coerce_to_string": True, "allow_blank": True})
        return kwargs

    def import_data(self, dataset, rollback_on_validation_errors=True, **kwargs):
        # Invalid rows roll the whole file back, whoever calls: a file is imported whole or not at all.
        return super().import_data(dataset, rollback_on_validation_errors=rollback_on_validation_errors, **kwargs)

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        self.file_name = kwargs.get("file_name") or ""

    def before_import_row(self, row, **kwargs):
        # Our exports defuse formulas with a leading apostrophe; read the original text back.
        for key, value in row.items():
            row[key] = unescape_formula(value)

    def get_instance(self, instance_loader, row):
        # An unknown natural key (a symbol, a section) is reported by its field's validation below.
        try:
            return super().get_instance(instance_loader, row)
        except (ValueError, ValidationError):
            return None

    def import_instance(self, instance, row, **kwargs):
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        for field, messages in [*self.check_row(instance, row).items(), *self._check_status(instance, row).items()]:
            errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, row) -> dict[str, list[str]]:
        return {}

    def clean_exclude(self, instance) -> set[str]:
        """Model fields ``full_clean`` leaves alone (set later by a service)."""
        return set()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=set(errors) | self.clean_exclude(instance), validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    # Status changes ---------------------------------------------------------------------------

    def requested_status(self, instance, row) -> str:
        """The status the row asks for, when it differs from the row's current one."""
        if self.transition_allowed is None or "status" not in row:
            return ""
        value = str(row["status"] or "").strip()
        return value if value and value != instance.status else ""

    def _check_status(self, instance, row) -> dict[str, list[str]]:
        new = self.requested_status(instance, row)
        if not new:
            return {}
        choices = dict(type(instance)._meta.get_field("status").choices)
        if new not in choices:
            return {"status": [_("Unknown status “%(status)s”.") % {"status": new}]}
        if not self.transition_allowed(instance.status, new):
            return {
                "status": [
                    _("Transition not allowed: “%(old)s” → “%(new)s”.")
                    % {"old": choices[instance.status], "new": choices[new]}
                ]
            }
        return {}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if self.requested_status(instance, row):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        new = self.requested_status(instance, row)
        if new and not (self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs)):
            note = _("Status set by the import of “%(file)s”.") % {"file": self.file_name or _("a file")}
            self.status_service(instance, new_status=new, by=self.user, note=note)

    def status_service(self, instance, *, new_status: str, by, note: str) -> None:
        raise NotImplementedError


class AliasesField(fields.Field):
    """An owner's aliases as ``fr:Secrétariat du CICTE|es:Secretaría del CICTE``."""

    def __init__(self):
        super().__init__(attribute=None, column_name="aliases")

    @staticmethod
    def parse(value) -> set[tuple[str, str]]:
        pairs = set()
        for part in filter(None, (part.strip() for part in str(value or "").split(SEPARATOR))):
            language, _colon, text = part.partition(":")
            language, text = language.strip(), text.strip()
            if language not in Language.values or not text:
                raise ValueError(
                    _("“%(alias)s” is not an alias: write language:text, language one of %(languages)s.")
                    % {"alias": part, "languages": ", ".join(Language.values)}
                )
            pairs.add((language, text))
        return pairs

    @staticmethod
    def render(owner: Owner) -> str:
        if owner.pk is None:
            return ""
        return SEPARATOR.join(f"{alias.language}:{alias.text}" for alias in owner.aliases.all())


class OwnerResource(TrackerResource):
    aliases = AliasesField()

    class Meta:
        model = Owner
        import_id_fields = ["name_en"]
        fields = [
            "name_en",
            "name_es",
            "name_fr",
            "name_pt",
            "abbreviation",
            "is_member_states",
            "notify_email",
            "aliases",
        ]

    def dehydrate_aliases(self, owner: Owner) -> str:
        return AliasesField.render(owner)

    def check_row(self, instance, row) -> dict[str, list[str]]:
        if "aliases" not in row:
            return {}
        try:
            wanted = AliasesField.parse(row["aliases"])
        except ValueError as error:
            return {"aliases": [str(error)]}
        taken = OwnerAlias.objects.exclude(owner_id=instance.pk).filter(
            language__in={language for language, _text in wanted}, text__in={text for _language, text in wanted}
        )
        clashes = [
            f"{alias.language}:{alias.text} ({alias.owner})"
            for alias in taken
            if (alias.language, alias.text) in wanted
        ]
        if clashes:
            return {"aliases": [_("Already an alias of another owner: %(aliases)s.") % {"aliases": ", ".join(clashes)}]}
        return {}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if "aliases" in row and instance.pk is not None:
            current = {(alias.language, alias.text) for alias in instance.aliases.all()}
            if AliasesField.parse(row["aliases"]) != current:
                return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if "aliases" not in row or (self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs)):
            return
        wanted = AliasesField.parse(row["aliases"])
        current = {(alias.language, alias.text): alias.pk for alias in instance.aliases.all()}
        instance.aliases.filter(pk__in=[pk for pair, pk in current.items() if pair not in wanted]).delete()
        OwnerAlias.objects.bulk_create(
            OwnerAlias(owner=instance, language=language, text=text)
            for language, text in sorted(wanted - current.keys())
        )


class SectionWidget(LookupWidget):
    """A section by its position inside the row's resolution."""

    def __init__(self, **kwargs):
        super().__init__(Section, field="position", **kwargs)

    def get_queryset(self, value, row, *args, **kwargs):
        return Section.objects.filter(resolution__symbol=(row or {}).get("resolution", ""))


class ParentWidget(LookupWidget):
    """A parent paragraph by its number inside the row's section."""

    def __init__(self, **kwargs):
        super().__init__(Mandate, field="number", **kwargs)

    def get_queryset(self, value, row, *args, **kwargs):
        row = row or {}
        return Mandate.objects.filter(
            resolution__symbol=row.get("resolution", ""), section__position=row.get("section") or 0, parent=None
        )


class MandateResource(TrackerResource):
    """Mandates keyed on resolution symbol + section position + parent number + number.
    Sections must exist (the resolution importer or the admin makes them)."""

    resolution = fields.Field("resolution", "resolution", widget=LookupWidget(Resolution, "symbol"))
    section = fields.Field("section", "section", widget=SectionWidget())
    parent = fields.Field("parent", "parent", widget=ParentWidget())
    owners = fields.Field("owners", "owners", widget=ManyLookupWidget(Owner, "name_en"))
    status = fields.Field("status", "status", readonly=True)
    transition_allowed = staticmethod(mandate_transition_allowed)

    class Meta:
        model = Mandate
        import_id_fields = ["resolution", "section", "parent", "number"]
        fields = [
            "resolution",
            "section",
            "parent",
            "number",
            "position",
            "text",
            "language",
            "kind",
            "owners",
            "owner_phrase",
            "on_request",
            "subject_to_resources",
            "voluntary",
            "deadline",
            "deadline_text",
            "status",
        ]

    def get_queryset(self):
        return Mandate.objects.select_related("resolution", "section", "parent").prefetch_related("owners")

    def get_instance(self, instance_loader, row):
        try:
            key = {name: self.fields[name].clean(row) for name in self.get_import_id_fields()}
            position = self.fields["position"].clean(row) if "position" in row else None
        except (ValueError, ValidationError):
            return None  # the field's own validation reports it
        matches = self.get_queryset().filter(**key)
        if not key["number"]:
            # Unnumbered paragraphs ("Welcomes…") share the blank number: their order tells them apart.
            matches = matches.filter(position=position)
        return matches.first()

    def before_save_instance(self, instance, row, **kwargs):
        prefix = f"{instance.parent.tree_position}." if instance.parent_id else ""
        instance.tree_position = f"{prefix}{instance.position:04d}"
        if instance.pk is not None:
            instance.version += 1

    def status_service(self, instance, *, new_status: str, by, note: str) -> None:
        services.change_mandate_status(mandate=instance, new_status=new_status, by=by, note=note)
