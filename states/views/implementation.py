"""National implementation reports: a state's positions on the mandates addressed to member
states and the form to add one, the history of one (state, mandate), a report's document, and
the Secretariat's matrix, its export and the reminder round.

Every row comes through ``NationalImplementationReport.objects.visible_to``; other states'
positions reach a focal point only as counts (``states.implementation.status_counts``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from commitments.filters import search_mandates
from commitments.models import Mandate, Owner
from core import roles
from core.exports import Column
from core.filters import as_id
from core.listing import Header, ListSpec, Sort, export_list, filtered, table_headers
from states.attachments import download_response
from states.implementation import STATUS_SYMBOLS, NationalImplementationReport, reporting_states
from states.implementation_filters import ImplementationMatrixFilter
from states.implementation_forms import (
    ImplementationReportForm,
    SinceForm,
    default_since,
    readable_addressed_mandates,
)
from states.implementation_services import (
    DOCUMENT_ORDER,
    may_report,
    record_implementation_report,
    reminder_recipients,
    send_reminder_round,
    unreported_since,
)
from states.models import MemberState

PAGE_SIZE = 25
# The add page's select offers this many mandates at most (thousands are addressed to member
# states at ten years' volume); a search finds the others.
OFFERED = 50
# Pages past this one are refused, not read.
MAX_PAGE = 10_000
Report = NationalImplementationReport


@dataclass(frozen=True)
class Position:
    """One mandate of a state's list and what the state last said on it (None: nothing yet)."""

    mandate: Mandate
    report: NationalImplementationReport | None


def _id_page(mandates, page_number) -> Page:
    """A page of the ids of ``mandates`` and, in the same query, how many there are: the ids
    are sorted from a narrow index (commitments_mandate_open) and the rows fetched after, since
    sorting thousands of whole rows, texts and all, and counting them again cost most of a
    state's page at ten years' volume. A page past the end is the last one, as ``get_page``."""
    counted = mandates.annotate(total=Window(Count("*"))).values_list("pk", "total")
    number = min(as_id(page_number) or 1, MAX_PAGE)
    found = list(counted[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    paginator = Paginator(mandates.values_list("pk", flat=True), PAGE_SIZE)
    if not found:
        return paginator.get_page(number)  # past the end, or nothing at all: counted apart
    paginator.count = found[0][1]  # a cached_property: set, it is never computed
    return Page([pk for pk, _total in found], number, paginator)


def state_positions(user, state: MemberState, page_number=None) -> dict:
    """A page of the mandates addressed to member states with ``state``'s latest entry on
    each that ``user`` may read, and how many it has addressed. A fixed number of queries
    whatever the number of mandates or entries."""
    mandates = readable_addressed_mandates(user)
    page = _id_page(mandates, page_number)
    rows = Mandate.objects.select_related("resolution", "section", "parent").in_bulk(list(page))
    visible = Report.objects.visible_to(user).filter(state=state)
    latest = {report.mandate_id: report for report in visible.filter(mandate__in=list(rows)).latest_positions()}
    return {
        "state": state,
        "positions": [Position(rows[pk], latest.get(pk)) for pk in page],
        "page_obj": page,
        "reported_count": visible.latest_positions().filter(mandate__in=mandates.values("pk")).count(),
        "may_report": may_report(user, state),
        # The same mandates in the mandate list, to filter them further.
        "member_states_owner": Owner.objects.filter(is_member_states=True).first(),
    }


def _visible_state(user, iso3: str) -> MemberState:
    return get_object_or_404(MemberState.objects.visible_to(user), iso3=iso3)


def implementation_state(request, iso3):
    state = _visible_state(request.user, iso3)
    context = state_positions(request.user, state, request.GET.get("page"))
    return render(request, "states/implementation_state.html", with_report_form(context, request.user))


def with_report_form(section: dict, user) -> dict:
    """``section`` (from ``state_positions``) with the form to add an entry, for whoever may:
    its select offers the mandates of the page shown."""
    if section["may_report"]:
        offered = [position.mandate for position in section["positions"]]
        section["form"] = ImplementationReportForm(user=user, offered=offered)
        section["on_behalf"] = roles.focal_state_id(user) != section["state"].pk
    return section


@require_http_methods(["GET", "POST"])
def implementation_add(request, iso3):
    """A state's focal point adds its state's entry; staff add one on a state's behalf."""
    state = _visible_state(request.user, iso3)
    if not may_report(request.user, state):
        raise PermissionDenied
    initial = {"mandate": as_id(request.GET.get("mandate"))}
    search = request.GET.get("q", "").strip()[:200]
    candidates = readable_addressed_mandates(request.user)
    if search:
        candidates = search_mandates(candidates, search)
    offered = list(candidates[: OFFERED + 1])
    form = ImplementationReportForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial, offered=offered[:OFFERED]
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = record_implementation_report(state=state, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Implementation report recorded."))
            return redirect(report)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "state": state,
        "on_behalf": roles.focal_state_id(request.user) != state.pk,
        "search": search,
        "more_to_offer": len(offered) > OFFERED,
        "offered_count": min(len(offered), OFFERED),
    }
    return render(request, "states/implementation_form.html", context, status=status)


def implementation_history(request, iso3, pk):
    """Every entry of one state on one mandate the user may read, newest first. Someone who
    may not read the state's reports finds a page only if the state made an entry public."""
    mandate = get_object_or_404(readable_addressed_mandates(request.user, open_only=False), pk=pk)
    state = get_object_or_404(MemberState, iso3=iso3)
    reports = list(
        Report.objects.visible_to(request.user).filter(state=state, mandate=mandate).select_related("author")
    )
    readable_state = MemberState.objects.visible_to(request.user).filter(pk=state.pk).exists()
    if not reports and not readable_state:
        raise Http404
    context = {
        "state": state,
        "mandate": mandate,
        "reports": reports,
        "show_authors": readable_state,
        "may_report": may_report(request.user, state),
    }
    return render(request, "states/implementation_history.html", context)


def implementation_document(request, pk):
    report = get_object_or_404(Report.objects.visible_to(request.user).exclude(document=""), pk=pk)
    return download_response(report.document, report.document_name, report.document_type)


# The matrix -----------------------------------------------------------------------------------


def _check_secretariat(user) -> None:
    if not roles.is_secretariat(user):
        raise PermissionDenied


def _cell_text(report) -> str:
    if report is None:
        return ""
    return f"{report.get_status_display()} ({report.reported_on:%Y-%m-%d})"


MATRIX_BASE_COLUMNS = (
    Column("resolution", gettext_lazy("Resolution"), lambda m: m.resolution.symbol),
    Column("paragraph", gettext_lazy("Paragraph"), lambda m: m.display_number),
    Column("text", gettext_lazy("Text"), lambda m: m.text_in()[0]),
)

MATRIX = ListSpec(
    filterset_class=ImplementationMatrixFilter,
    template="states/implementation_matrix.html",
    headers=(Header(gettext_lazy("Mandate"), "document"),),
    sorts=(Sort("document", DOCUMENT_ORDER),),
    default_sort="document",
    columns=MATRIX_BASE_COLUMNS,
    export_name="implementation-matrix",
    export_url_name="states:implementation_matrix_export",
)


def _latest_cells(mandate_ids, states) -> dict:
    reports = (
        Report.objects.filter(mandate__in=mandate_ids, state__in=states).latest_positions().select_related("state")
    )
    return {(report.mandate_id, report.state_id): report for report in reports}


def implementation_matrix(request):
    """Member states × the mandates addressed to them: each state's latest position, and
    (with ``since``) the mandates some state has said nothing on since a date."""
    _check_secretariat(request.user)
    filterset, rows, sort, descending = filtered(MATRIX, request, readable_addressed_mandates(request.user))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    states = list(reporting_states())
    cells = _latest_cells([mandate.pk for mandate in page], states)
    since = filterset.form.cleaned_data.get("since") if filterset.is_bound and filterset.is_valid() else None
    matrix_rows = [(mandate, [(state, cells.get((mandate.pk, state.pk))) for state in states]) for mandate in page]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page_obj": page,
        "rows": matrix_rows,
        "states": states,
        "since": since,
        "headers": table_headers(MATRIX, request, sort, descending),
        "export_url_name": MATRIX.export_url_name,
        "export_query": query.urlencode(),
        "may_remind": roles.is_secretariat_staff(request.user),
        "legend": [(value, STATUS_SYMBOLS[value], label) for value, label in Report.Status.choices],
    }
    return render(request, MATRIX.template, context)


def implementation_matrix_export(request, fmt):
    """The matrix's rows (every page, filters applied): one column per member state."""
    _check_secretariat(request.user)
    _filterset, rows, _sort, _descending = filtered(MATRIX, request, readable_addressed_mandates(request.user))
    states = list(reporting_states())
    cells = _latest_cells(rows.values("pk"), states)

    def cell(state):
        return lambda mandate: _cell_text(cells.get((mandate.pk, state.pk)))

    state_columns = tuple(Column(state.iso3, state.localized_name(), cell(state)) for state in states)
    return export_list(request, replace(MATRIX, columns=MATRIX_BASE_COLUMNS + state_columns), rows, fmt)


@require_http_methods(["GET", "POST"])
def implementation_reminders(request):
    """Before a session: who would hear (GET), then one digest per focal point (POST)."""
    if not roles.is_secretariat_staff(request.user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else (request.GET or {"since": default_since().isoformat()})
    form = SinceForm(data)
    if form.is_valid() and not form.cleaned_data["since"]:
        form.add_error("since", _("Choose a date."))
    if not form.is_valid():
        return render(request, "states/implementation_reminders.html", {"form": form}, status=400)
    since = form.cleaned_data["since"]
    if request.method == "POST":
        queued = send_reminder_round(by=request.user, since=since)
        message = ngettext("%(count)d reminder digest queued.", "%(count)d reminder digests queued.", queued)
        messages.success(request, message % {"count": queued})
        return redirect(reverse("states:implementation_matrix") + f"?since={since.isoformat()}")
    missing = unreported_since(since)
    recipients = reminder_recipients(since, missing)
    # States with something to report and nobody to remind: the Secretariat writes to their mission.
    reached = {recipient.state.pk for recipient in recipients}
    unreachable = [
        (state, len(missing[state.pk])) for state in reporting_states().filter(pk__in=set(missing) - reached)
    ]
    context = {"form": form, "since": since, "recipients": recipients, "unreachable": unreachable}
    return render(request, "states/implementation_reminders.html", context)
