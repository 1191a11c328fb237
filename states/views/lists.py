"""The request list and the activity list, each with its export of the same rows."""

from __future__ import annotations

import dataclasses

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from commitments.models import Mandate
from core import roles
from core.exports import Column
from core.listing import Header, ListSpec, Sort, choice_order, export_list, list_views, render_list
from states.filters import ActivityFilter, AssistanceRequestFilter
from states.models import Activity, AssistanceRequest


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

    def order_by(self, descending: bool) -> list:
        language = (get_language() or "en")[:2]
        field = F(f"state__name_{language}") if language in ("en", "es", "fr", "pt") else F("state__name_en")
        return [field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)]


def request_queryset(user) -> QuerySet:
    mandates = Mandate.objects.select_related("resolution", "section", "parent")
    return (
        AssistanceRequest.objects.visible_to(user)
        .select_related("state", "assigned_to", "program_area")
        .prefetch_related(Prefetch("mandates", queryset=mandates))
    )


REQUEST_COLUMNS = (
    Column("reference", _("Reference"), lambda r: r.reference),
    Column("state", _("Member state"), _state_name),
    Column("state_iso3", _("ISO code"), lambda r: r.state.iso3),
    Column("title", _("Title"), lambda r: r.title),
    Column("type", _("Type"), lambda r: r.get_request_type_display()),
    Column("status", _("Status"), lambda r: r.get_status_display()),
    Column("priority", _("Priority"), lambda r: r.get_priority_display()),
    Column("channel", _("Channel"), lambda r: r.get_channel_display()),
    Column("received_on", _("Received on"), lambda r: r.received_on),
    Column("delivered_on", _("Delivered on"), lambda r: r.delivered_on),
    Column("closed_on", _("Closed on"), lambda r: r.closed_on),
    Column("assigned_to", _("Assigned to"), lambda r: _person(r.assigned_to)),
    Column("mandates", _("Mandates"), lambda r: [_mandate_label(m) for m in r.mandates.all()]),
    Column("program_area", _("Program area"), lambda r: r.program_area.localized_name() if r.program_area else ""),
    Column("url", _("Link"), _link),
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
