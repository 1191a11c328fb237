"""The report's rows read as plain values, not model instances.

A report of everything holds 100,000 mandates and a quarter of a million requests: building a
model instance, a ``get_FOO_display`` and a ``reverse()`` for each cost most of its minute. Each
kind of row is read here by one ``values_list`` query (in chunks, through ``iterator``) into a
small slotted object that answers what the page, the PDF and the workbook ask of it (the same
attribute and method names as the model, so the renderers don't care). Labels come from the
choices' dicts, links from one ``reverse()`` per kind.

Labels come in the active language from ``core.exports.choice_labels`` (resolved once per
language, not per row).

A row compares equal to the model instance of the same pk (and hashes like it), so code and
tests that hold instances can still find a row by its instance.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import F, Q, QuerySet, Window
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import RowNumber
from django.urls import reverse

from commitments.models import Mandate, MandateUpdate, Owner, Resolution, Section
from core.exports import choice_labels
from states.models import Activity, AssistanceRequest, MemberState

CHUNK = 2000


def _url_maker(name: str, sample):
    """A function pk -> URL from one ``reverse()``: the pattern's prefix and suffix around a
    sample argument are fixed, only the argument changes."""
    url = reverse(name, args=[sample])
    head, _sep, tail = url.rpartition(str(sample))
    return lambda value: f"{head}{value}{tail}"


class _Row:
    __slots__ = ("pk",)
    model = None

    def __eq__(self, other):
        if isinstance(other, _Row):
            return type(self) is type(other) and self.pk == other.pk
        meta = getattr(other, "_meta", None)
        if meta is not None and self.model is not None:
            return meta.concrete_model is self.model and other.pk == self.pk
        return NotImplemented

    def __hash__(self):
        return hash(self.pk)  # as Model.__hash__: a row and its instance meet in sets and dicts


class StateRow(_Row):
    __slots__ = ("iso3", "names")
    model = MemberState

    def __init__(self, pk, iso3, names):
        self.pk, self.iso3, self.names = pk, iso3, names

    def localized_name(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = (language or get_language() or "en")[:2]
        return self.names.get(language) or self.names["en"]

    def __str__(self):
        return self.localized_name()


class UpdateRow(_Row):
    __slots__ = ("happened_on", "new_status", "note")
    model = MandateUpdate

    def __init__(self, pk, happened_on, new_status, note):
        self.pk, self.happened_on, self.new_status, self.note = pk, happened_on, new_status, note

    @property
    def changes_status(self) -> bool:
        return bool(self.new_status)

    def get_new_status_display(self) -> str:
        return choice_labels(Mandate.Status).get(self.new_status, self.new_status)


class RequestRow(_Row):
    __slots__ = ("reference", "title", "request_type", "status", "received_on", "delivered_on", "state_id", "state")
    model = AssistanceRequest
    url = None

    def get_status_display(self) -> str:
        return choice_labels(AssistanceRequest.Status).get(self.status, self.status)

    def get_request_type_display(self) -> str:
        return choice_labels(AssistanceRequest.Type).get(self.request_type, self.request_type)

    def get_absolute_url(self) -> str:
        return self.url(self.reference)


class ActivityRow(_Row):
    __slots__ = (
        "title",
        "activity_type",
        "start_date",
        "end_date",
        "state_id",
        "state",
        "participants_women",
        "participants_men",
        "participants_other",
        "funding_source",
        "request_id",
        "request_reference",
    )
    model = Activity
    url = None

    @property
    def participants_total(self) -> int:
        return self.participants_women + self.participants_men + self.participants_other

    def get_activity_type_display(self) -> str:
        return choice_labels(Activity.Type).get(self.activity_type, self.activity_type)

    def get_absolute_url(self) -> str:
        return self.url(self.pk)


class MandateRow(_Row):
    """What the report reads of a mandate."""

    __slots__ = ("resolution_id", "section_id", "number", "parent_number", "has_parent", "text", "language")
    __slots__ += ("translations", "status", "display_number", "resolution")
    model = Mandate
    url = None

    def __str__(self) -> str:
        # As Mandate.__str__: the workbook's and the PDF's national sections name a mandate so.
        return f"{self.resolution.symbol} · {self.display_number}"

    def get_status_display(self) -> str:
        return choice_labels(Mandate.Status).get(self.status, self.status)

    def get_absolute_url(self) -> str:
        return self.url(self.pk)

    def text_in(self, language: str) -> tuple[str, str]:
        # As Mandate.text_in.
        if language != self.language and self.translations.get(language):
            return self.translations[language], language
        return self.text, self.language


def _fill(cls, names, values):
    row = cls.__new__(cls)
    for name, value in zip(names, values, strict=True):
        setattr(row, name, value)
    return row


def states() -> dict[int, StateRow]:
    """Every member state (35): named from a few columns, not as models."""
    fields = ["pk", "iso3", "name_en", "name_es", "name_fr", "name_pt"]
    return {
        pk: StateRow(pk, iso3, {"en": en, "es": es, "fr": fr, "pt": pt})
        for pk, iso3, en, es, fr, pt in MemberState.objects.values_list(*fields)
    }


def mandates(queryset: QuerySet, language: str) -> list[MandateRow]:
    """The scope's mandates in document order, one query; of their translations only the one
    in the report's ``language`` (the others were most of a large report's memory)."""
    MandateRow.url = staticmethod(_url_maker("commitments:mandate_detail", 1))
    fields = ["pk", "resolution_id", "section_id", "number", "parent__number", "parent_id", "text", "language"]
    fields += ["report_translation", "status", "section__position"]
    rows = []
    queryset = queryset.in_document_order().annotate(report_translation=KeyTextTransform(language, "translations"))
    for values in queryset.values_list(*fields).iterator(chunk_size=CHUNK):
        pk, resolution_id, section_id, number, parent_number, parent_id, text, original, translation, status, pos = (
            values
        )
        row = MandateRow.__new__(MandateRow)
        row.pk, row.resolution_id, row.section_id, row.status = pk, resolution_id, section_id, status
        row.number, row.parent_number, row.has_parent = number, parent_number, parent_id is not None
        row.text, row.language = text, original
        row.translations = {language: translation} if translation and original != language else {}
        # As Mandate.display_number.
        path = [number or "–"]
        if parent_id is not None:
            path.insert(0, parent_number or "–")
        row.display_number = f"§{pos} ¶{'.'.join(path)}"
        rows.append(row)
    return rows


def owners(mandate_ids: QuerySet, language: str) -> dict[int, list[str]]:
    """Each mandate's owners' names in ``language``: the few owners once, the links in one query."""
    names = {owner.pk: owner.localized_name(language) for owner in Owner.objects.all()}
    through = Mandate.owners.through
    by_mandate: dict[int, list[str]] = defaultdict(list)
    links = through.objects.filter(mandate_id__in=mandate_ids).order_by("mandate_id", "owner_id")
    for mandate_id, owner_id in links.values_list("mandate_id", "owner_id").iterator(chunk_size=CHUNK * 5):
        by_mandate[mandate_id].append(names[owner_id])
    return by_mandate


def latest_updates(updates: QuerySet, mandate_ids: QuerySet) -> dict[int, UpdateRow]:
    """The latest of ``updates`` for each mandate, in one query: DISTINCT ON over the index
    (mandate, -happened_on) on PostgreSQL, the first of a window elsewhere."""
    order = ["-happened_on", "-created_at", "-pk"]
    updates = updates.filter(mandate_id__in=mandate_ids)
    if connection.vendor == "postgresql":
        updates = updates.order_by("mandate_id", *order).distinct("mandate_id")
    else:
        rank = Window(RowNumber(), partition_by=[F("mandate_id")], order_by=[F(o[1:]).desc() for o in order])
        updates = updates.annotate(report_rank=rank).filter(report_rank=1).order_by()
    fields = ["mandate_id", "pk", "happened_on", "new_status", "note"]
    return {
        mandate_id: UpdateRow(pk, happened_on, new_status, note)
        for mandate_id, pk, happened_on, new_status, note in updates.values_list(*fields).iterator(chunk_size=CHUNK)
    }


REQUEST_FIELDS = ["pk", "reference", "title", "request_type", "status", "received_on", "delivered_on", "state_id"]


def requests(queryset: QuerySet, mandate_ids: QuerySet, state_rows: dict) -> dict[int, list[RequestRow]]:
    """Each mandate's requests (received, then pk), one query over the link table; a request
    under several mandates is one row object shared by them."""
    RequestRow.url = staticmethod(_url_maker("states:request_detail", "REQ-0000-0000"))
    seen: dict[int, RequestRow] = {}
    by_mandate: dict[int, list[RequestRow]] = defaultdict(list)
    rows = queryset.filter(mandates__in=mandate_ids).order_by("received_on", "pk")
    for values in rows.values_list("mandates", *REQUEST_FIELDS).iterator(chunk_size=CHUNK):
        row = seen.get(values[1])
        if row is None:
            row = seen[values[1]] = _fill(RequestRow, REQUEST_FIELDS, values[1:])
            row.state = state_rows.get(row.state_id)
        by_mandate[values[0]].append(row)
    return by_mandate


ACTIVITY_FIELDS = ["pk", "title", "activity_type", "start_date", "end_date", "state_id", "participants_women"]
ACTIVITY_FIELDS += ["participants_men", "participants_other", "funding_source", "request_id", "request_reference"]


def activities(
    queryset: QuerySet, mandate_ids: QuerySet, request_ids: set[int], state_rows: dict
) -> tuple[dict[int, list[ActivityRow]], dict[int, list[ActivityRow]]]:
    """Activities under the scope's mandates or under their requests, one query: (by mandate,
    by request), each list in start date order."""
    ActivityRow.url = staticmethod(_url_maker("states:activity_detail", 1))
    by_mandate: dict[int, list[ActivityRow]] = defaultdict(list)
    by_request: dict[int, list[ActivityRow]] = defaultdict(list)
    under = Q(mandate_id__in=mandate_ids) | Q(request__mandates__in=mandate_ids)
    rows = (
        queryset.filter(pk__in=Activity.objects.filter(under).values("pk"))
        .annotate(request_reference=F("request__reference"))
        .order_by("start_date", "pk")
        .values_list("mandate_id", *ACTIVITY_FIELDS)
    )
    for values in rows.iterator(chunk_size=CHUNK):
        row = _fill(ActivityRow, ACTIVITY_FIELDS, values[1:])
        row.state = state_rows.get(row.state_id)
        if values[0] is not None:
            by_mandate[values[0]].append(row)
        if row.request_id is not None and row.request_id in request_ids:
            by_request[row.request_id].append(row)
    return by_mandate, by_request


def resolutions(ids) -> dict[int, Resolution]:
    """The few resolutions as models (a few hundred at most: the page reads their methods)."""
    return Resolution.objects.in_bulk(list(ids))


def section_titles(mandate_rows: list[MandateRow], language: str) -> dict[int, tuple[int, str]]:
    """Each section's (position, title in ``language``), one query."""
    ids = {row.section_id for row in mandate_rows}
    titles = {}
    for pk, position, title, translations in (
        Section.objects.filter(pk__in=ids).values_list("pk", "position", "title", "translations").iterator()
    ):
        titles[pk] = (position, (translations or {}).get(language) or title)
    return titles
