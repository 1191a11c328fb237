"""The request list and the activity list, each with its export of the same rows."""

from __future__ import annotations

import dataclasses
import operator

from django.conf import settings
from django.db.models import Case, CharField, F, OuterRef, QuerySet, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from commitments.models import Mandate
from core import roles
from core.exports import CHUNK_SIZE, Column, Items, Link, choice_labels
from core.listing import Header, ListSpec, Sort, choice_order, export_list, list_views, render_list
from states.filters import ActivityFilter, AssistanceRequestFilter
from states.models import Activity, AssistanceRequest

LANGUAGES = ("en", "es", "fr", "pt")


def _link(obj) -> str:
    return settings.SITE_URL.rstrip("/") + obj.get_absolute_url()


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _state_name(obj) -> str:
    return obj.state.localized_name() if obj.state else ""


def _mandate_label(mandate: Mandate) -> str:
    return f"{mandate.resolution.symbol} {mandate.display_number}"


class LocalizedStateSort(Sort):
    """Member states sort by their name in the user's language."""

    def order_by(self, descending: bool, model=None) -> list:
        language = (get_language() or "en")[:2]
        field = F(f"state__name_{language}") if language in LANGUAGES else F("state__name_en")
        return [field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)]


def request_queryset(user) -> QuerySet:
    # The page shows neither mandates nor program areas (the export reads its own values).
    return AssistanceRequest.objects.visible_to(user).select_related("state", "assigned_to")


# The export reads plain values (``request_export_rows``), a chunk at a time, with choice
# labels from a dict: at 20,000 rows, model instances and get_FOO_display per cell were most
# of its time.
REQUEST_VALUES = (
    "pk",
    "reference",
    "state__iso3",
    *(f"state__name_{code}" for code in LANGUAGES),
    "title",
    "request_type",
    "status",
    "priority",
    "channel",
    "received_on",
    "delivered_on",
    "closed_on",
    "assigned_to__first_name",
    "assigned_to__last_name",
    "assigned_to__username",
    *(f"program_area__name_{code}" for code in LANGUAGES),
)


def _localized_value(row: dict, prefix: str, language: str) -> str:
    return row[f"{prefix}name_{language}"] or row[f"{prefix}name_en"] or ""


def _assignee(row: dict) -> str:
    if not row["assigned_to__username"]:
        return ""
    full_name = f"{row['assigned_to__first_name']} {row['assigned_to__last_name']}".strip()
    return full_name or row["assigned_to__username"]


def _label_sql(prefix: str = "mandate__"):
    """A mandate's resolution and ``Mandate.display_number`` ("CICTE/RES. 1 §2 ¶4.a") as an SQL
    expression over the mandate at ``prefix``."""

    def number(path: str):
        return Coalesce(NullIf(F(path), Value("")), Value("–"))

    parent = Case(
        When(**{f"{prefix}parent__isnull": False}, then=Concat(number(f"{prefix}parent__number"), Value("."))),
        default=Value(""),
    )
    return Concat(
        F(f"{prefix}resolution__symbol"),
        Value(" §"),
        Cast(F(f"{prefix}section__position"), CharField()),
        Value(" ¶"),
        parent,
        number(f"{prefix}number"),
        output_field=CharField(),
    )


def _cited_mandates() -> Items:
    """A request's mandates' labels in document order, as on the request's page."""
    links = AssistanceRequest.mandates.through.objects.filter(assistancerequest_id=OuterRef("pk")).order_by(
        "mandate__resolution_id", "mandate__section__position", "mandate__tree_position"
    )
    return Items(links, _label_sql())


def request_export_rows(requests: QuerySet):
    """The export's rows as dicts of what the columns show: plain values read by one query
    (a request's mandates aggregated in it), labels from dicts in the reader's language."""
    language = (get_language() or "en")[:2]
    language = language if language in LANGUAGES else "en"
    labels = {
        key: choice_labels(choices)
        for key, choices in (
            ("request_type", AssistanceRequest.Type),
            ("status", AssistanceRequest.Status),
            ("priority", AssistanceRequest.Priority),
            ("channel", AssistanceRequest.Channel),
        )
    }
    link_before, link_after = _request_link.parts()
    rows = requests.annotate(export_mandates=_cited_mandates()).values(*REQUEST_VALUES, "export_mandates")
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        for key, by_value in labels.items():
            row[key] = by_value[row[key]]
        row["state"] = _localized_value(row, "state__", language)
        row["program_area"] = _localized_value(row, "program_area__", language)
        row["assigned_to"] = _assignee(row)
        row["mandates"] = row.pop("export_mandates")
        row["url"] = f"{link_before}{row['reference']}{link_after}"
        yield row


_request_link = Link("states:request_detail", "REQ-0000-00000000000")


def _key(name: str):
    return operator.itemgetter(name)


REQUEST_COLUMNS = (
    Column("reference", _("Reference"), _key("reference")),
    Column("state", _("Member state"), _key("state")),
    Column("state_iso3", _("ISO code"), _key("state__iso3")),
    Column("title", _("Title"), _key("title")),
    Column("type", _("Type"), _key("request_type")),
    Column("status", _("Status"), _key("status")),
    Column("priority", _("Priority"), _key("priority")),
    Column("channel", _("Channel"), _key("channel")),
    Column("received_on", _("Received on"), _key("received_on")),
    Column("delivered_on", _("Delivered on"), _key("delivered_on")),
    Column("closed_on", _("Closed on"), _key("closed_on")),
    Column("assigned_to", _("Assigned to"), _key("assigned_to")),
    Column("mandates", _("Mandates"), _key("mandates")),
    Column("program_area", _("Program area"), _key("program_area")),
    Column("url", _("Link"), _key("url")),
)

ASSIGNEE_HEADER = Header(_("Assigned to"))

REQUEST_LIST = ListSpec(
    filterset_class=AssistanceRequestFilter,
    template="states/request_list.html",
    headers=(
        Header(_("Reference"), "reference"),
        Header(_("Title"), "title"),
        Header(_("Member state"), "state"),
        Header(_("Type")),
        Header(_("Received"), "received"),
        Header(_("Status"), "status"),
        ASSIGNEE_HEADER,
    ),
    sorts=(
        Sort("reference", ("reference",)),
        Sort("title", ("title",)),
        LocalizedStateSort("state", ()),
        Sort("received", ("received_on",)),
        Sort("status", (choice_order("status", AssistanceRequest.Status),)),
    ),
    default_sort="-received",
    columns=REQUEST_COLUMNS,
    export_rows=request_export_rows,
    export_name="requests",
    export_url_name="states:request_export",
)


# Who works a request is the Secretariat's business: its pages show the assignee to the
# Secretariat only, and so do the list's column and its export. The one place that says so.
SECRETARIAT_ONLY_REQUEST_COLUMNS = frozenset({"assigned_to"})

STATE_REQUEST_LIST = dataclasses.replace(
    REQUEST_LIST,
    headers=tuple(header for header in REQUEST_LIST.headers if header is not ASSIGNEE_HEADER),
    columns=tuple(c for c in REQUEST_COLUMNS if c.key not in SECRETARIAT_ONLY_REQUEST_COLUMNS),
)


def request_spec(user) -> ListSpec:
    """The request list's columns (page and export) for ``user``'s role."""
    return REQUEST_LIST if roles.is_secretariat(user) else STATE_REQUEST_LIST


def request_list(request):
    spec = request_spec(request.user)
    shows_assignee = any(column.key == "assigned_to" for column in spec.columns)
    return render_list(request, spec, request_queryset(request.user), {"shows_assignee": shows_assignee})


def request_export(request, fmt):
    return export_list(request, request_spec(request.user), request_queryset(request.user), fmt)


def activity_queryset(user) -> QuerySet:
    return Activity.objects.visible_to(user).select_related(
        "state", "request", "mandate__resolution", "mandate__section", "mandate__parent"
    )


ACTIVITY_COLUMNS = (
    Column("id", _("ID"), lambda a: a.pk),
    Column("title", _("Title"), lambda a: a.title),
    Column("type", _("Type"), lambda a: a.get_activity_type_display()),
    Column("state", _("Member state"), _state_name),
    Column("start_date", _("Start date"), lambda a: a.start_date),
    Column("end_date", _("End date"), lambda a: a.end_date),
    Column("place", _("Place"), lambda a: a.place),
    Column("online", _("Online"), lambda a: a.online),
    Column("participants_women", _("Women participants"), lambda a: a.participants_women),
    Column("participants_men", _("Men participants"), lambda a: a.participants_men),
    Column("participants_other", _("Other or undisclosed participants"), lambda a: a.participants_other),
    Column("participants_total", _("Participants"), lambda a: a.participants_total),
    Column("institutions", _("Institutions"), lambda a: a.institutions),
    Column("funding_source", _("Funding source"), lambda a: a.funding_source),
    Column("request", _("Request"), lambda a: a.request.reference if a.request else ""),
    Column("mandate", _("Mandate"), lambda a: _mandate_label(a.mandate) if a.mandate else ""),
    Column("url", _("Link"), _link),
)

ACTIVITY_LIST = ListSpec(
    filterset_class=ActivityFilter,
    template="states/activity_list.html",
    headers=(
        Header(_("Activity"), "title"),
        Header(_("Type")),
        Header(_("Member state"), "state"),
        Header(_("Dates"), "start"),
        Header(_("Women"), numeric=True),
        Header(_("Participants"), "participants", numeric=True),
        Header(_("Funding source")),
    ),
    sorts=(
        Sort("title", ("title",)),
        LocalizedStateSort("state", ()),
        Sort("start", ("start_date", "end_date")),
        Sort("participants", (F("participants_women") + F("participants_men") + F("participants_other"),)),
    ),
    default_sort="-start",
    columns=ACTIVITY_COLUMNS,
    export_name="activities",
    export_url_name="states:activity_export",
)


activity_list, activity_export = list_views(ACTIVITY_LIST, activity_queryset)
